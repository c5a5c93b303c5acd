/**
 * FILES_ORIGIN: the origin of the attachments bucket (set by sst.config.ts,
 * e.g. https://parley-files-abc.s3.us-east-1.amazonaws.com), which pages may
 * upload to and show images from. Read by proxy.ts for every page, so kept
 * apart from the full configuration; anything but a bare https origin is ignored.
 */
export function filesOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" && url.origin === value.trim().replace(/\/$/, "") ? url.origin : null;
  } catch {
    return null;
  }
}
