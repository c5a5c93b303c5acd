import "server-only";
import { ApiError } from "@/lib/errors/api-error";
import { buildPrompt, type BuiltPrompt } from "@/lib/llm/context";
import { getUserSettings, localeFor, effectiveSettings, type ChatSettings, type PartialChatSettings } from "@/lib/settings";
import { findPreset } from "@/lib/settings/presets";
import { ConversationExistsError, MessageExistsError, type Conversation, type Message, type MessageAttachment, type Store } from "@/lib/store/types";
import type { DocumentCut } from "@/lib/attachments/model-input";
import { checkVision, messageAttachments, promptHistory } from "./attachments";
import { titleFrom } from "../messages";
import { listConversationMessages } from "../replies";
import type { ChatRequest } from "../request";
import type { TurnDeps, TurnInput } from "./index";

/**
 * Preparing a turn: one read each of the conversation, the person's settings
 * and the history; the change the request asks for (a new message, an edited
 * one, a regeneration) stored before the provider is called; and the prompt
 * fitted to the model's context window.
 */

export interface PreparedTurn {
  conversationId: string;
  /** The conversation was created by this turn (its first message). */
  created: boolean;
  settings: ChatSettings;
  prompt: BuiltPrompt;
  /**
   * A regeneration's earlier answers: kept until the new reply has text
   * (or ends), so a failure before then loses nothing.
   */
  replaced: string[];
  /** The new message's documents that were cut to fit the context window. */
  cut: DocumentCut[];
}

const conversationNotFound = () => new ApiError(404, "conversation_not_found");

export async function prepareTurn(deps: TurnDeps, input: TurnInput): Promise<PreparedTurn> {
  const { store } = deps;
  const { request, userId } = input;
  const [existing, defaults] = await Promise.all([
    store.getConversation(userId, request.conversationId),
    getUserSettings(store, userId, deps.defaultModel),
  ]);

  let conversation: Conversation;
  let created = false;
  let history: Message[];
  let replaced: string[] = [];
  // The files the message carries: named by a new one, kept by an edited one.
  let attachments: MessageAttachment[] = await messageAttachments(deps, userId, request);
  if (existing) {
    conversation = existing;
    history = await listConversationMessages(store, userId, existing.id);
    if (request.trigger === "edit") attachments = history.find((m) => m.id === request.messageId)?.attachments ?? [];
  } else {
    if (request.trigger !== "submit") throw conversationNotFound();
    const override = request.presetId ? await presetSettings(store, userId, request.presetId, localeFor(defaults.language, input.acceptLanguage)) : null;
    const opened = await openConversation(store, userId, request.conversationId, request.text, override);
    ({ conversation, created } = opened);
    history = created ? [] : await listConversationMessages(store, userId, conversation.id);
  }

  const chosen = { ...effectiveSettings(defaults, conversation.settings), ...input.overrides };
  // A model saved before the operator narrowed ALLOWED_MODELS falls back to the default.
  const settings = deps.isModelOffered(chosen.model) ? chosen : { ...chosen, model: deps.defaultModel };

  // Checked before anything changes, so a refused message leaves the conversation as it was.
  if (request.trigger !== "regenerate") {
    await checkVision(deps, settings.model, attachments, async () => {
      if (created) await store.deleteConversation(userId, conversation.id).catch(() => {});
    });
  }
  if (existing) ({ history, replaced } = await rewind(store, userId, request, history));
  if (request.trigger === "submit") {
    history.push(await storeUserMessage(store, userId, conversation.id, request, created, attachments));
  }

  const fitted = await promptHistory(deps, userId, history, settings);
  const prompt = await buildPrompt({
    model: settings.model,
    systemPrompt: settings.systemPrompt,
    history: fitted.history,
    maxTokens: settings.maxTokens,
    contextWindows: deps.contextWindows,
  });
  return { conversationId: conversation.id, created, settings, prompt, replaced, cut: fitted.cut };
}

async function presetSettings(store: Store, userId: string, presetId: string, locale: ReturnType<typeof localeFor>): Promise<PartialChatSettings> {
  const preset = await findPreset(store, userId, presetId, locale);
  if (!preset) throw new ApiError(404, "preset_unavailable");
  return preset.settings;
}

/** Creates the conversation of a first message; a concurrent first message of the same person may have won. */
async function openConversation(
  store: Store,
  userId: string,
  id: string,
  text: string,
  settings: PartialChatSettings | null,
): Promise<{ conversation: Conversation; created: boolean }> {
  try {
    return { conversation: await store.createConversation({ id, userId, title: titleFrom(text), settings }), created: true };
  } catch (error) {
    if (!(error instanceof ConversationExistsError)) throw error;
    // The id is either theirs (created meanwhile) or someone else's: then it does not exist for them.
    const conversation = await store.getConversation(userId, id);
    if (!conversation) throw conversationNotFound();
    return { conversation, created: false };
  }
}

/**
 * An edit replaces the edited message and everything after it with the new
 * text, in one change; a regeneration answers the last message again, and
 * its earlier answers are replaced once the new one has text. Checked before
 * anything changes, so a refused request changes nothing. Answers the
 * history the reply follows.
 */
async function rewind(
  store: Store,
  userId: string,
  request: ChatRequest,
  history: Message[],
): Promise<{ history: Message[]; replaced: string[] }> {
  if (request.trigger === "edit") {
    const index = history.findIndex((m) => m.id === request.messageId);
    if (history[index]?.role !== "user") throw new ApiError(404, "message_not_found");
    const edited = await store.replaceMessagesFrom(userId, request.conversationId, request.messageId, request.text, history[index]!.attachments);
    if (!edited) throw new ApiError(404, "message_not_found");
    return { history: [...history.slice(0, index), edited], replaced: [] };
  }
  if (request.trigger === "regenerate") {
    let end = history.length;
    while (end > 0 && history[end - 1]!.role === "assistant") end--;
    if (end === 0) throw new ApiError(409, "nothing_to_regenerate");
    return { history: history.slice(0, end), replaced: history.slice(end).map((m) => m.id) };
  }
  return { history, replaced: [] };
}

async function storeUserMessage(
  store: Store,
  userId: string,
  conversationId: string,
  request: Extract<ChatRequest, { text: string }>,
  created: boolean,
  attachments: MessageAttachment[],
): Promise<Message> {
  let stored: Message | null;
  try {
    stored = await store.appendMessage(userId, {
      id: request.messageId,
      conversationId,
      role: "user",
      content: request.text,
      status: "complete",
      attachments,
    });
  } catch (error) {
    // Leave no empty conversation behind for a first message that was refused.
    if (created) await store.deleteConversation(userId, conversationId).catch(() => {});
    if (error instanceof MessageExistsError) throw new ApiError(409, "duplicate");
    throw error;
  }
  if (!stored) throw conversationNotFound();
  return stored;
}
