import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import type OpenAI from "openai";
import type { ProviderConfig } from "@/lib/config";
import { createProviderClient } from "@/lib/llm/client";
import { buildPrompt } from "@/lib/llm/context";
import { NOT_CONFIGURED_MESSAGE } from "@/lib/llm/error-messages";
import { ProviderError, toProviderError } from "@/lib/llm/errors";
import { ReplyStopped, streamReply } from "@/lib/llm/stream";
import { describeForLog } from "@/lib/log";
import type { ChatSettings } from "@/lib/settings";
import { ConversationExistsError, MessageExistsError, type MessageStatus, type Store, type StoredSettings, type TokenUsage } from "@/lib/store/types";
import { registerTurn } from "./active-turns";
import { titleFrom, type MessageMeta } from "./messages";

/**
 * One turn of a conversation, in the order DESIGN.md fixes: the person's
 * message is stored before the provider is called, the reply streams as it
 * arrives, and the reply is stored however it ends (complete, stopped, error).
 */

export interface TurnDeps {
  store: Store;
  provider: ProviderConfig | null;
  idleTimeoutMs: number;
  /** Lets tests observe or replace the client; defaults to the real one. */
  createClient?: (config: ProviderConfig, timeoutMs: number) => OpenAI;
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
} & ({ kind: "submit"; text: string; messageId?: string } | { kind: "regenerate" });

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

export type ChatChunk = UIMessageChunk<MessageMeta>;

export async function beginTurn(deps: TurnDeps, request: TurnRequest): Promise<ReadableStream<ChatChunk>> {
  // Only an explicit Stop ends the reply; the browser going away does not.
  const abort = new AbortController();
  const registration = registerTurn(request.turnId, request.userId, request.conversationId, abort);
  if (!registration.ok) {
    throw registration.reason === "conversation_busy"
      ? new TurnRejected(409, "busy", "A reply is still being written in this conversation. Wait for it, or stop it, then send again.")
      : new TurnRejected(429, "too_many_replies", "Too many replies are being written at once. Wait for one to finish, then send again.");
  }
  try {
    return await startTurn(deps, request, abort, registration.unregister);
  } catch (error) {
    registration.unregister();
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

  if (request.kind === "submit") {
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
  const prompt = buildPrompt({
    model: settings.model,
    systemPrompt: settings.systemPrompt,
    history,
    maxTokens: settings.maxTokens,
  });

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
          if (!deps.provider) throw new ProviderError("not_configured", NOT_CONFIGURED_MESSAGE);
          const client = (deps.createClient ?? createProviderClient)(deps.provider, deps.idleTimeoutMs);
          const events = streamReply(
            client,
            deps.provider,
            {
              model: settings.model,
              messages: prompt.messages,
              temperature: settings.temperature,
              topP: settings.topP,
              presencePenalty: settings.presencePenalty,
              frequencyPenalty: settings.frequencyPenalty,
              maxTokens: settings.maxTokens,
            },
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
          if (error instanceof ReplyStopped) {
            status = "stopped";
          } else {
            status = "error";
            failure = toProviderError(error, { model: settings.model, streamed: text !== "" });
            if (!(error instanceof ProviderError)) console.error("Reply failed:", describeForLog(error));
          }
        }
        send({ type: "text-end", id: replyId });

        const meta: MessageMeta = {
          status,
          errorKind: failure?.kind ?? null,
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
          meta.status = "error";
          meta.errorMessage = "The reply could not be saved. Copy it now if you need it, then try again.";
          failure ??= new ProviderError("provider", meta.errorMessage);
        }
        send({ type: "message-metadata", messageMetadata: meta });
        if (failure) send({ type: "error", errorText: meta.errorMessage ?? failure.message });
        else send({ type: "finish", finishReason: status === "stopped" ? "other" : "stop" });
      };
      run()
        .catch((error: unknown) => {
          console.error("Reply stream failed:", describeForLog(error));
          send({ type: "error", errorText: "Something went wrong while writing the reply. Try again." });
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

/** Finds the person's conversation (creating it on the first message) and readies a regeneration. */
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
  if (request.kind === "regenerate") {
    const messages = await store.listMessages(request.userId, existing.id);
    const last = messages.at(-1);
    if (last?.role === "assistant") await store.deleteMessage(request.userId, existing.id, last.id);
    const previous = last?.role === "assistant" ? messages.at(-2) : last;
    if (previous?.role !== "user") {
      throw new TurnRejected(409, "nothing_to_regenerate", "There is no message to answer.");
    }
  }
  return { conversationId: existing.id, created: false };
}
