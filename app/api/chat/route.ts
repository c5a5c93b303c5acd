import { createUIMessageStreamResponse } from "ai";
import { beginTurn, TurnRejected } from "@/lib/chat/turn";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { chatRequestSchema } from "@/lib/chat/request";
import { getConfig } from "@/lib/config";
import { jsonError, readJson, withUser } from "@/lib/http";
import { keepAliveResponse } from "@/lib/http/keep-alive";
import { isModelOffered } from "@/lib/llm/models";
import { settingsForTurn } from "@/lib/settings/for-turn";
import { getStore } from "@/lib/store";

export const POST = withUser(async (request, user) => {
  const body = await readJson(request, chatRequestSchema, MAX_MESSAGE_CHARS * 4 + 4096);
  const config = getConfig();
  const store = await getStore();
  const resolved = await settingsForTurn(store, {
    userId: user.id,
    conversationId: body.conversationId,
    presetId: body.trigger === "submit" ? body.presetId : undefined,
    defaultModel: config.defaultModel,
    acceptLanguage: request.headers.get("accept-language"),
    isModelOffered: (model) => isModelOffered(config, model),
  });
  if (!resolved.ok) return jsonError(404, "preset_not_found", "This preset does not exist.");
  const { settings, newConversationSettings } = resolved;
  try {
    const turn = { turnId: body.turnId, userId: user.id, conversationId: body.conversationId, settings };
    const stream = await beginTurn(
      {
        store,
        provider: config.provider,
        idleTimeoutMs: config.providerTimeoutMs,
        contextWindows: config.contextWindows,
        titleModel: config.titleModel,
        replyTimeLimitMs: config.replyTimeLimitMs,
      },
      body.trigger === "regenerate"
        ? { kind: "regenerate", ...turn }
        : body.trigger === "edit"
          ? { kind: "edit", ...turn, text: body.text, messageId: body.messageId }
          : { kind: "submit", ...turn, text: body.text, messageId: body.messageId, newConversationSettings },
    );
    return keepAliveResponse(createUIMessageStreamResponse({ stream }), config.streamKeepAliveMs);
  } catch (error) {
    if (error instanceof TurnRejected) return jsonError(error.status, error.code, error.message);
    throw error;
  }
});
