import { createUIMessageStreamResponse } from "ai";
import { beginTurn, TurnRejected } from "@/lib/chat/turn";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { chatRequestSchema } from "@/lib/chat/request";
import { getConfig } from "@/lib/config";
import { jsonError, readJson, withUser } from "@/lib/http";
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
  });
  if (!resolved.ok) return jsonError(404, "preset_not_found", "This preset does not exist.");
  const { settings, newConversationSettings } = resolved;
  try {
    const stream = await beginTurn(
      { store, provider: config.provider, idleTimeoutMs: config.providerTimeoutMs },
      body.trigger === "submit"
        ? { kind: "submit", turnId: body.turnId, userId: user.id, conversationId: body.conversationId, text: body.text, messageId: body.messageId, settings, newConversationSettings }
        : { kind: "regenerate", turnId: body.turnId, userId: user.id, conversationId: body.conversationId, settings },
    );
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    if (error instanceof TurnRejected) return jsonError(error.status, error.code, error.message);
    throw error;
  }
});
