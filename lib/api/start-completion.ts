import "server-only";
import { randomUUID } from "node:crypto";
import { isUuid } from "@/lib/chat/ids";
import { acceptWithinLimits, startTurn, type ReplyPlan, type StartedTurn, type TurnDeps } from "@/lib/chat/turn";
import { ApiError } from "@/lib/errors/api-error";
import { buildPrompt } from "@/lib/llm/context";
import { effectiveSettings, getUserSettings, localeFor, type PartialChatSettings } from "@/lib/settings";
import { findPreset } from "@/lib/settings/presets";
import type { User } from "@/lib/store/types";
import { dialogue, requestedSettings, type CompletionRequest } from "./chat-request";
import { requestIdOf } from "@/lib/observability/request-id";
import { RetryLater } from "./errors";

/**
 * Starting an API turn, through the same steps as the web chat's: the
 * person's limits, the model offering, their settings and presets.
 *
 * - Kept history (the request names a conversation, or asks for a new one):
 *   the client sends only its new message; it becomes a web chat turn, so
 *   the history is added, both messages are stored, and the conversation
 *   shows in the sidebar.
 * - Stateless (no conversation named): the client sends the whole history,
 *   and nothing is stored.
 */

export const CONVERSATION_HEADER = "x-parley-conversation";
/** How long a client refused for running too many replies is asked to wait. */
const BUSY_RETRY_SECONDS = 5;

export interface StartedCompletion extends StartedTurn {
  /** The conversation the reply is kept in; null for a stateless call. */
  conversationId: string | null;
}

export async function startCompletion(
  deps: TurnDeps,
  user: User,
  body: CompletionRequest,
  headers: Headers,
): Promise<StartedCompletion> {
  if (body.model && !deps.isModelOffered(body.model)) throw new ApiError(404, "api_model_not_offered", { model: body.model });
  const target = conversationTarget(headers, body);
  const acceptLanguage = headers.get("accept-language");
  const presetId = body.metadata?.preset_id;
  const preset = presetId ? await presetSettings(deps, user.id, presetId, acceptLanguage) : {};
  const overrides = { ...preset, ...requestedSettings(body) };
  const messages = dialogue(body.messages);

  try {
    const requestId = requestIdOf(headers);
    if (target === null) return { ...(await startStateless(deps, user.id, messages, overrides, requestId)), conversationId: null };
    const conversationId = target === "new" ? randomUUID() : await existingConversation(deps, user.id, target);
    const last = messages.at(-1);
    if (messages.length !== 1 || last?.role !== "user") {
      throw new ApiError(400, "invalid_request", {
        detail: "messages: With a kept conversation, send only the new user message (and any system message): Parley adds the history.",
      });
    }
    if (last.content.trim() === "") throw new ApiError(400, "invalid_request", { detail: "messages: Type a message before sending." });
    const started = await startTurn(deps, {
      request: { trigger: "submit", conversationId, turnId: randomUUID(), messageId: randomUUID(), text: last.content, presetId },
      userId: user.id,
      acceptLanguage,
      overrides,
      requestId,
    });
    return { ...started, conversationId };
  } catch (error) {
    throw asApiRefusal(error);
  }
}

/** The header wins over metadata.conversation_id; "new" opens a conversation; null keeps nothing. */
function conversationTarget(headers: Headers, body: CompletionRequest): string | null {
  const named = headers.get(CONVERSATION_HEADER)?.trim() || body.metadata?.conversation_id?.trim() || null;
  if (named === null) return null;
  if (named.toLowerCase() === "new") return "new";
  // An id that cannot be a conversation names nothing.
  if (!isUuid(named)) throw new ApiError(404, "conversation_not_found");
  return named.toLowerCase();
}

/** A named conversation must exist: the API never creates one under an id the client made up. */
async function existingConversation(deps: TurnDeps, userId: string, id: string): Promise<string> {
  if (!(await deps.store.getConversation(userId, id))) throw new ApiError(404, "conversation_not_found");
  return id;
}

async function presetSettings(deps: TurnDeps, userId: string, presetId: string, acceptLanguage: string | null): Promise<PartialChatSettings> {
  const defaults = await getUserSettings(deps.store, userId, deps.defaultModel);
  const preset = await findPreset(deps.store, userId, presetId, localeFor(defaults.language, acceptLanguage));
  if (!preset) throw new ApiError(404, "preset_unavailable");
  return preset.settings;
}

async function startStateless(
  deps: TurnDeps,
  userId: string,
  messages: Array<{ role: "user" | "assistant"; content: string }>,
  overrides: PartialChatSettings,
  requestId: string,
): Promise<StartedTurn> {
  const last = messages.at(-1);
  if (last?.role !== "user") throw new ApiError(400, "invalid_request", { detail: "messages: The last message must be the user's." });
  if (last.content.trim() === "") throw new ApiError(400, "invalid_request", { detail: "messages: Type a message before sending." });
  // A turn of its own, so the person's limit on replies at once applies.
  const turnId = randomUUID();
  const accepted = await acceptWithinLimits(deps, { turnId, userId, conversationId: randomUUID() });
  try {
    const defaults = await getUserSettings(deps.store, userId, deps.defaultModel);
    const chosen = { ...effectiveSettings(defaults, null), ...overrides };
    const settings = deps.isModelOffered(chosen.model) ? chosen : { ...chosen, model: deps.defaultModel };
    const prompt = await buildPrompt({
      model: settings.model,
      systemPrompt: settings.systemPrompt,
      history: messages,
      maxTokens: settings.maxTokens,
      contextWindows: deps.contextWindows,
    });
    const plan: ReplyPlan = { userId, turnId, requestId, settings, prompt, conversation: null };
    return { plan, accepted };
  } catch (error) {
    await accepted.release();
    throw error;
  }
}

/** The web chat's "busy" (409) and "too many replies" are, to an API client, a rate limit to wait out. */
function asApiRefusal(error: unknown): unknown {
  if (error instanceof ApiError && (error.code === "busy" || error.code === "too_many_replies")) {
    return new RetryLater(429, error.code, error.vars, BUSY_RETRY_SECONDS);
  }
  return error;
}
