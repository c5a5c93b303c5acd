import { exportConversation, exportQuerySchema } from "@/lib/chat/conversations";
import { HttpError, jsonError, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

/** GET /api/conversations/[id]/export?format=md|json → the conversation as a file download. */
export const GET = withUser<{ params: Promise<{ id: string }> }>(async (request, user, { params }) => {
  const { id } = await params;
  const { t } = await serverTranslator();
  const query = exportQuerySchema.safeParse({ format: new URL(request.url).searchParams.get("format") ?? undefined });
  if (!query.success) throw new HttpError(400, "invalid_request", t("sidebar.errors.badFormat"));
  const file = await exportConversation(await getStore(), user.id, id, query.data.format, {
    labels: {
      you: t("sidebar.markdown.you"),
      assistant: t("sidebar.markdown.assistant"),
      stopped: t("sidebar.markdown.stopped"),
      failed: t("sidebar.markdown.failed"),
    },
  });
  if (!file) return jsonError(404, "not_found", t("sidebar.errors.notFound"));
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": file.contentDisposition,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
