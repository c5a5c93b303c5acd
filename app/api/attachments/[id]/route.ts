import { serveAttachment } from "@/lib/attachments/files";
import { getBlobStore } from "@/lib/blobs";
import { requireUuid, withUser } from "@/lib/http";

/**
 * GET → the file to its owner only (404 for anyone else): a short-lived
 * presigned S3 URL as a redirect on AWS, the bytes otherwise.
 * `?variant=thumb` → an image's thumbnail.
 */
export const GET = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "attachment_not_found");
  const variant = new URL(request.url).searchParams.get("variant") === "thumb" ? "thumb" : "original";
  const file = await serveAttachment(await getBlobStore(), user.id, id, variant);
  // Private to the person; the URL is stable, the content behind it never changes.
  if (file.kind === "redirect") return new Response(null, { status: 302, headers: { location: file.url, "cache-control": "private, no-store" } });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": file.disposition,
      "content-length": String(file.bytes.byteLength),
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
      // Even opened directly, a served file can run nothing.
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
