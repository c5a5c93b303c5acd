import { exportConversation, exportQuerySchema } from "@/lib/chat/conversations";
import { ApiError } from "@/lib/errors/api-error";
import { requireUuid, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import { getBlobStore } from "@/lib/blobs";
import { getStore } from "@/lib/store";

/** GET /api/conversations/[id]/export?format=md|json → the conversation as a file download. */
export const GET = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const id = requireUuid((await params).id, "conversation_not_found");
  const search = new URL(request.url).searchParams;
  const query = exportQuerySchema.safeParse({
    format: search.get("format") ?? undefined,
    reasoning: search.get("reasoning") ?? undefined,
    attachments: search.get("attachments") ?? undefined,
  });
  if (!query.success) throw new ApiError(400, "export_format");
  // The file itself is written in the person's language.
  const { t } = await serverTranslator();
  const file = await exportConversation(await getStore(), user.id, id, query.data.format, {
    labels: {
      you: t("sidebar.markdown.you"),
      assistant: t("sidebar.markdown.assistant"),
      stopped: t("sidebar.markdown.stopped"),
      failed: t("sidebar.markdown.failed"),
      thinking: t("chat.thinking"),
    },
    reasoning: query.data.reasoning === "1",
    inlineFrom: query.data.attachments === "inline" ? await getBlobStore() : undefined,
  });
  if (!file) throw new ApiError(404, "conversation_not_found");
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": file.contentDisposition,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
