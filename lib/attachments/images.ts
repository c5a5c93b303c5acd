import "server-only";

/**
 * Images as the model and the chat get them: turned upright (EXIF), scaled
 * so the longest side is at most 2,048 px (what OpenAI's vision models use
 * at most; larger only costs upload time), and a small thumbnail for the
 * message. An image that does not decode is refused.
 */

export const MODEL_IMAGE_SIDE = 2048;
export const THUMBNAIL_SIDE = 512;

export interface ScaledImage {
  bytes: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
}

export class ImageUnreadable extends Error {
  constructor(cause: unknown) {
    super("The image could not be decoded.", { cause });
    this.name = "ImageUnreadable";
  }
}

/** The format the model copy keeps: the original's, except GIF (first frame, as PNG). */
function outputFormat(mediaType: string): "png" | "jpeg" | "webp" {
  if (mediaType === "image/jpeg") return "jpeg";
  if (mediaType === "image/webp") return "webp";
  return "png";
}

async function scale(bytes: Uint8Array, side: number, format: "png" | "jpeg" | "webp"): Promise<ScaledImage> {
  // Loaded on the first image only: other requests never pay for the native library.
  const { default: sharp } = await import("sharp");
  // failOn "error": a truncated or corrupt file is refused rather than half drawn.
  const { data, info } = await sharp(bytes, { failOn: "error", animated: false, limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
    .toFormat(format, format === "jpeg" ? { quality: 85 } : format === "webp" ? { quality: 80 } : {})
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), mediaType: `image/${format}`, width: info.width, height: info.height };
}

export async function prepareImage(bytes: Uint8Array, mediaType: string): Promise<{ model: ScaledImage; thumbnail: ScaledImage }> {
  try {
    const model = await scale(bytes, MODEL_IMAGE_SIDE, outputFormat(mediaType));
    const thumbnail = await scale(model.bytes, THUMBNAIL_SIDE, "webp");
    return { model, thumbnail };
  } catch (error) {
    throw new ImageUnreadable(error);
  }
}
