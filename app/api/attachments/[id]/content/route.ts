import { receiveUpload } from "@/lib/attachments/uploads";
import { getBlobStore } from "@/lib/blobs";
import { requireUuid, withUser } from "@/lib/http";

/** PUT the file's bytes (exactly the size declared when it was created) → 204. Only where S3 takes no direct uploads. */
export const PUT = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "attachment_not_found");
  await receiveUpload(await getBlobStore(), user.id, id, request.body);
  return new Response(null, { status: 204 });
});
