import { completeUpload } from "@/lib/attachments/uploads";
import { getBlobStore } from "@/lib/blobs";
import { requireUuid, withUser } from "@/lib/http";

/** POST once the bytes are uploaded → { attachment: { id, name, mediaType, size } }, or why the file is refused. */
export const POST = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  const id = requireUuid((await params).id, "attachment_not_found");
  const attachment = await completeUpload(await getBlobStore(), user.id, id);
  return Response.json({ attachment });
});
