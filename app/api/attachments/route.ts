import { createUpload, createUploadSchema } from "@/lib/attachments/uploads";
import { getBlobStore } from "@/lib/blobs";
import { readJson, withUser } from "@/lib/http";

/**
 * POST { name, type, size } → 201 { attachment: { id, name, size }, upload: { url, method, headers } }:
 * the bytes go to `upload` (a presigned S3 URL on AWS, this app's PUT route
 * otherwise), then POST /api/attachments/{id}/complete.
 */
export const POST = withUser(async (request, user) => {
  const input = await readJson(request, createUploadSchema, 4 * 1024);
  const ticket = await createUpload(await getBlobStore(), user.id, input);
  return Response.json(ticket, { status: 201 });
});
