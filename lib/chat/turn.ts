import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import type OpenAI from "openai";
import type { ContextWindowConfig, ProviderConfig } from "@/lib/config";
import { createProviderClient } from "@/lib/llm/client";
import { buildPrompt } from "@/lib/llm/context";
import { englishError } from "@/lib/llm/error-messages";
import { ProviderError, providerError, toProviderError } from "@/lib/llm/errors";
import { ReplyStopped, streamReply, type ModelParameters } from "@/lib/llm/stream";
import { describeForLog } from "@/lib/log";
import type { ChatSettings } from "@/lib/settings";
import { ConversationExistsError, MessageExistsError, type MessageStatus, type Store, type StoredSettings, type TokenUsage } from "@/lib/store/types";
import { registerTurn } from "./active-turns";
import { watchStopRequests } from "./stop-requests";
import { titleFrom, type ChatData, type MessageMeta } from "./messages";
import { generateTitle, titleModelFor } from "./title";

/**
 * One turn of a conversation, in the order DESIGN.md fixes: the person's
 * message is stored before the provider is called, the reply streams as it
 * arrives, and the reply is stored however it ends (complete, stopped, error).
 */

export interface TurnDeps {
  store: Store;
  provider: ProviderConfig | null;
  idleTimeoutMs: number;
  /** REPLY_TIME_LIMIT_MS: a reply still being written after this long is ended and stored. */
  replyTimeLimitMs?: number;
  /** How often the store is asked whether another instance stopped the reply. */
  stopPollMs?: number;
  /** Lets tests observe or replace the client; defaults to the real one. */
  createClient?: (config: ProviderConfig, timeoutMs: number) => OpenAI;
  /** CONTEXT_WINDOW / MODEL_CONTEXT_WINDOWS. */
  contextWindows?: ContextWindowConfig;
  /** TITLE_MODEL; see titleModelFor. */
  titleModel?: string;
  /** Generate a title for a new conversation (default true). */
  generateTitles?: boolean;
  /** Longest wait for a generated title (default TITLE_TIMEOUT_MS). */
  titleTimeoutMs?: number;
}

export type TurnRequest = {
  /** Chosen by the browser, so that Stop can name the turn even before it starts. */
  turnId: string;
  userId: string;
  conversationId: string;
  /** The effective settings of this turn (the conversation's override over the person's defaults). */
  settings: ChatSettings;
  /** The settings override of a conversation this turn creates (e.g. from a preset). */
  newConversationSettings?: StoredSettings | null;
} & (
  | { kind: "submit"; text: string; messageId?: string }
  /** Replaces one of the person's messages, and everything after it, with this text. */
  | { kind: "edit"; text: string; messageId: string }
  | { kind: "regenerate" }
);

/** The turn cannot start; the route answers with this status. */
export class TurnRejected extends Error {
  constructor(
    readonly status: 404 | 409 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The abort reason of a reply that ran into REPLY_TIME_LIMIT_MS. */
const TIME_LIMIT_REACHED = Symbol("time limit reached");

export type ChatChunk = UIMessageChunk<MessageMeta, ChatData>;

/** The model parameters of a person's settings. */
export function modelParameters(settings: ChatSettings): ModelParameters {
  return {
    model: settings.model,
    temperature: settings.temperature,
    topP: settings.topP,
    presencePenalty: settings.presencePenalty,
    frequencyPenalty: settings.frequencyPenalty,
    maxTokens: settings.maxTokens,
  };
}

export async function beginTurn(deps: TurnDeps, request: TurnRequest): Promise<ReadableStream<ChatChunk>> {
  // Only an explicit Stop ends the reply; the browser going away does not.
  const abort = new AbortController();
  const registration = registerTurn(request.turnId, request.userId, request.conversationId, abort);
  if (!registration.ok) {
    throw registration.reason === "conversation_busy"
      ? new TurnRejected(409, "busy", "A reply is still being written in this conversation. Wait for it, or stop it, then send again.")
      : new TurnRejected(429, "too_many_replies", "Too many replies are being written at once. Wait for one to finish, then send again.");
  }
  const unwatch = watchStopRequests(deps.store, request.userId, request.turnId, abort, deps.stopPollMs);
  const limit = deps.replyTimeLimitMs;
  const timer = limit ? setTimeout(() => abort.abort(TIME_LIMIT_REACHED), limit) : undefined;
  const finish = () => {
    clearTimeout(timer);
    unwatch();
    registration.unregister();
  };
  try {
    return await startTurn(deps, request, abort, finish);
  } catch (error) {
    finish();
    throw error;
  }
}

async function startTurn(
  deps: TurnDeps,
  request: TurnRequest,
  abort: AbortController,
  unregister: () => void,
): Promise<ReadableStream<ChatChunk>> {
  const { store } = deps;
  const { conversationId: conversation, created } = await prepareConversation(store, request);

  if (request.kind !== "regenerate") {
    let stored;
    try {
      stored = await store.appendMessage(request.userId, {
        id: request.messageId,
        conversationId: conversation,
        role: "user",
        content: request.text,
        status: "complete",
      });
    } catch (error) {
      // Leave no empty conversation behind for a first message that was refused.
      if (created) await store.deleteConversation(request.userId, conversation).catch(() => {});
      if (error instanceof MessageExistsError) throw new TurnRejected(409, "duplicate", "This message was already sent.");
      throw error;
    }
    if (!stored) throw notFound();
  }

  const history = await store.listMessages(request.userId, conversation);
  const { settings } = request;
  const prompt = await buildPrompt({
    model: settings.model,
    systemPrompt: settings.systemPrompt,
    history,
    maxTokens: settings.maxTokens,
    contextWindows: deps.contextWindows,
  });
  let client: OpenAI | null = null;
  let clientFailure: unknown = null;
  try {
    client = deps.provider ? (deps.createClient ?? createProviderClient)(deps.provider, deps.idleTimeoutMs) : null;
  } catch (error) {
    // Reported in the reply, like any other provider failure.
    clientFailure = error;
  }

  // A new conversation is named by the model while the reply is written, so
  // the name is usually ready when the reply ends and never holds it up long.
  const provisionalTitle = request.kind === "submit" ? titleFrom(request.text) : "";
  const title: Promise<string | null> =
    created && request.kind === "submit" && client && deps.provider && deps.generateTitles !== false && !abort.signal.aborted
      ? generateTitle(
          client,
          deps.provider,
          { model: titleModelFor(deps.provider, settings.model, deps.titleModel), text: request.text },
          { timeoutMs: deps.titleTimeoutMs },
        )
      : Promise.resolve(null);

  const replyId = randomUUID();
  let open = true;

  return new ReadableStream<ChatChunk>({
    start(controller) {
      const send = (chunk: ChatChunk) => {
        if (!open) return;
        try {
          controller.enqueue(chunk);
        } catch {
          open = false;
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        try {
          controller.close();
        } catch {
          // Already closed by the consumer going away.
        }
      };
      const run = async () => {
        send({
          type: "start",
          messageId: replyId,
          messageMetadata: { status: "streaming", model: settings.model, omitted: prompt.omitted },
        });
        send({ type: "text-start", id: replyId });

        let text = "";
        let status: MessageStatus = "complete";
        let failure: ProviderError | null = null;
        let usage: TokenUsage | null = null;
        try {
          if (clientFailure) throw clientFailure;
          if (!deps.provider || !client) throw providerError("not_configured");
          const events = streamReply(
            client,
            deps.provider,
            { ...modelParameters(settings), messages: prompt.messages },
            { signal: abort.signal, idleTimeoutMs: deps.idleTimeoutMs },
          );
          for await (const event of events) {
            if (event.type === "text") {
              text += event.text;
              send({ type: "text-delta", id: replyId, delta: event.text });
            } else {
              usage = event.usage;
            }
          }
        } catch (error) {
          if (error instanceof ReplyStopped && abort.signal.reason === TIME_LIMIT_REACHED) {
            // Ended by Parley before the platform would kill it mid-write
            // (Lambda), so what was produced is stored; not the person's Stop.
            status = "error";
            const seconds = Math.round((deps.replyTimeLimitMs ?? 0) / 1000);
            failure = new ProviderError("interrupted", { code: "time_limit", vars: { seconds } });
          } else if (error instanceof ReplyStopped) {
            status = "stopped";
          } else {
            status = "error";
            failure = toProviderError(error, { model: settings.model, streamed: text !== "", provider: deps.provider?.kind });
            usage = failure.usage ?? usage;
            if (!(error instanceof ProviderError)) console.error("Reply failed:", describeForLog(error));
          }
        }
        send({ type: "text-end", id: replyId });

        const meta: MessageMeta = {
          status,
          errorKind: failure?.kind ?? null,
          errorCode: failure?.code ?? null,
          errorVars: failure?.vars ?? null,
          errorMessage: failure?.message ?? null,
          model: settings.model,
          usage,
          omitted: prompt.omitted,
        };
        try {
          await store.appendMessage(request.userId, {
            id: replyId,
            conversationId: conversation,
            role: "assistant",
            content: text,
            status,
            errorKind: failure?.kind ?? null,
            model: settings.model,
            usage,
          });
        } catch (error) {
          console.error("Could not store the reply:", describeForLog(error));
          failure = new ProviderError(failure?.kind ?? "provider", { code: "not_saved" });
          Object.assign(meta, { status: "error", errorCode: failure.code, errorVars: null, errorMessage: failure.message });
          meta.errorKind ??= failure.kind;
        }
        send({ type: "message-metadata", messageMetadata: meta });

        const generated = await title;
        if (generated && generated !== provisionalTitle) {
          // Only over the provisional title: a name the person gave meanwhile stays.
          const renamed = await store
            .renameConversation(request.userId, conversation, generated, { onlyIfTitle: provisionalTitle })
            .catch((error: unknown) => {
              console.error("Could not store the generated title:", describeForLog(error));
              return false;
            });
          if (renamed) send({ type: "data-title", data: { conversationId: conversation, title: generated }, transient: true });
        }
        if (failure) send({ type: "error", errorText: meta.errorMessage ?? failure.message });
        else send({ type: "finish", finishReason: status === "stopped" ? "other" : "stop" });
      };
      run()
        .catch((error: unknown) => {
          console.error("Reply stream failed:", describeForLog(error));
          send({ type: "error", errorText: englishError({ code: "unexpected", vars: null }) });
        })
        .finally(() => {
          // Only now, with the reply stored, may another turn start here.
          unregister();
          close();
        });
    },
    cancel() {
      // The browser left: keep generating and store the reply for later.
      open = false;
    },
  });
}

function notFound() {
  return new TurnRejected(404, "not_found", "This conversation does not exist.");
}

/**
 * Finds the person's conversation (creating it on the first message) and
 * readies a regeneration or an edit by removing what they replace.
 */
async function prepareConversation(store: Store, request: TurnRequest): Promise<{ conversationId: string; created: boolean }> {
  const existing = await store.getConversation(request.userId, request.conversationId);
  if (!existing) {
    if (request.kind !== "submit") throw notFound();
    try {
      await store.createConversation({
        id: request.conversationId,
        userId: request.userId,
        title: titleFrom(request.text),
        settings: request.newConversationSettings ?? null,
      });
    } catch (error) {
      if (!(error instanceof ConversationExistsError)) throw error;
      // Either a concurrent first message of the same person created it, or
      // the id is someone else's: then answer as if it did not exist.
      if (!(await store.getConversation(request.userId, request.conversationId))) throw notFound();
      return { conversationId: request.conversationId, created: false };
    }
    return { conversationId: request.conversationId, created: true };
  }
  if (request.kind === "edit") {
    const messages = await store.listMessages(request.userId, existing.id);
    const target = messages.find((m) => m.id === request.messageId);
    if (target?.role !== "user") {
      throw new TurnRejected(404, "message_not_found", "This message is no longer in the conversation. Reload the page to see it as it is now.");
    }
    // The edited message is stored again under its own id by the caller.
    await store.deleteMessagesFrom(request.userId, existing.id, target.id);
  }
  if (request.kind === "regenerate") {
    const messages = await store.listMessages(request.userId, existing.id);
    const last = messages.at(-1);
    const previous = last?.role === "assistant" ? messages.at(-2) : last;
    // Checked before anything is deleted: a refused regenerate changes nothing.
    if (previous?.role !== "user") {
      throw new TurnRejected(409, "nothing_to_regenerate", "There is no message to answer.");
    }
    if (last?.role === "assistant") await store.deleteMessage(request.userId, existing.id, last.id);
  }
  return { conversationId: existing.id, created: false };
}
