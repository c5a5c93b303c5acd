import "server-only";
import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { englishError } from "@/lib/errors/wire";
import { createProviderClient, type ProviderClient } from "@/lib/llm/client";
import { providerError, ProviderError, toProviderError } from "@/lib/llm/errors";
import { ReplyStopped, streamReply, type ModelParameters } from "@/lib/llm/stream";
import { generateTitle, titleModelFor } from "@/lib/llm/title";
import { describeForLog } from "@/lib/log";
import type { ChatSettings } from "@/lib/settings";
import { titleFrom, type ChatData, type MessageMeta } from "../messages";
import type { MessageStatus, ReplyFailure, TokenUsage } from "../types";
import type { AcceptedTurn } from "./accept";
import type { TurnDeps, TurnInput } from "./index";
import type { PreparedTurn } from "./prepare";
import { saveGeneratedTitle, saveReply } from "./save";

/**
 * Streaming a turn: the provider's reply goes to the browser as it arrives
 * (AI SDK UI message stream, chunks as lib/chat/messages.ts describes), then
 * it is saved, and only then may another turn start in the conversation.
 */

export type ChatChunk = UIMessageChunk<MessageMeta, ChatData>;

export interface ReplyOutcome {
  text: string;
  status: MessageStatus;
  failure: ReplyFailure | null;
  usage: TokenUsage | null;
}

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

export function streamTurn(deps: TurnDeps, input: TurnInput, prepared: PreparedTurn, accepted: AcceptedTurn): ReadableStream<ChatChunk> {
  const client = openClient(deps);
  const turn = { userId: input.userId, conversationId: prepared.conversationId, replyId: randomUUID() };
  const { settings, prompt } = prepared;
  const request = input.request;

  // A new conversation is named by the model while the reply is written, so
  // the name is usually ready when the reply ends and never holds it up long.
  const provisionalTitle = request.trigger === "submit" ? titleFrom(request.text) : "";
  const titleClient = client instanceof Error ? null : client;
  const title: Promise<string | null> =
    prepared.created && request.trigger === "submit" && titleClient && deps.provider && deps.generateTitles !== false && !accepted.signal.aborted
      ? generateTitle(
          titleClient,
          deps.provider,
          { model: titleModelFor(deps.provider, settings.model, deps.titleModel), text: request.text },
          { timeoutMs: deps.titleTimeoutMs },
        )
      : Promise.resolve(null);

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
      const run = async () => {
        const cut = prepared.cut.length ? { cut: prepared.cut } : {};
        send({ type: "start", messageId: turn.replyId, messageMetadata: { status: "streaming", model: settings.model, omitted: prompt.omitted, ...cut } });
        send({ type: "text-start", id: turn.replyId });
        const outcome = await writeReply(deps, client, prepared, accepted, (delta) => send({ type: "text-delta", id: turn.replyId, delta }));
        send({ type: "text-end", id: turn.replyId });

        const { meta, failure } = await saveReply(deps.store, { ...turn, model: settings.model, omitted: prompt.omitted }, outcome);
        send({ type: "message-metadata", messageMetadata: meta });

        const stored = await saveGeneratedTitle(deps.store, turn, provisionalTitle, await title);
        if (stored) send({ type: "data-title", data: { conversationId: turn.conversationId, title: stored }, transient: true });
        if (failure) send({ type: "error", errorText: failure.message });
        else send({ type: "finish", finishReason: outcome.status === "stopped" ? "other" : "stop" });
      };
      run()
        .catch((error: unknown) => {
          console.error("Reply stream failed:", describeForLog(error));
          send({ type: "error", errorText: englishError("unexpected") });
        })
        .finally(() => {
          // Only now, with the reply stored, may another turn start here.
          accepted.release();
          if (!open) return;
          open = false;
          try {
            controller.close();
          } catch {
            // Already closed by the consumer going away.
          }
        });
    },
    cancel() {
      // The browser left: keep generating and store the reply for later.
      open = false;
    },
  });
}

/** The provider client, or why it could not be made (reported in the reply, like any provider failure). */
function openClient(deps: TurnDeps): ProviderClient | Error | null {
  if (!deps.provider) return null;
  try {
    return (deps.createClient ?? createProviderClient)(deps.provider, deps.idleTimeoutMs);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Streams the provider's reply through `onText`; answers how it ended, never throws. */
async function writeReply(
  deps: TurnDeps,
  client: ProviderClient | Error | null,
  prepared: PreparedTurn,
  accepted: AcceptedTurn,
  onText: (delta: string) => void,
): Promise<ReplyOutcome> {
  const { settings } = prepared;
  let text = "";
  let usage: TokenUsage | null = null;
  try {
    if (client instanceof Error) throw client;
    if (!deps.provider || !client) throw providerError("not_configured");
    const events = streamReply(
      client,
      deps.provider,
      { ...modelParameters(settings), messages: prepared.prompt.messages },
      { signal: accepted.signal, idleTimeoutMs: deps.idleTimeoutMs },
    );
    for await (const event of events) {
      if (event.type === "text") {
        text += event.text;
        onText(event.text);
      } else {
        usage = event.usage;
      }
    }
    return { text, status: "complete", failure: null, usage };
  } catch (error) {
    if (error instanceof ReplyStopped && accepted.timedOut()) {
      // Ended by Parley before the platform would kill it mid-write
      // (Lambda), so what was produced is stored; not the person's Stop.
      const vars = { seconds: Math.round((deps.replyTimeLimitMs ?? 0) / 1000) };
      return { text, status: "error", usage, failure: { kind: "interrupted", code: "time_limit", vars, message: englishError("time_limit", vars) } };
    }
    if (error instanceof ReplyStopped) return { text, status: "stopped", failure: null, usage };
    const failure = toProviderError(error, { model: settings.model, streamed: text !== "", provider: deps.provider?.kind });
    if (!(error instanceof ProviderError)) console.error("Reply failed:", describeForLog(error));
    return { text, status: "error", failure: { kind: failure.kind, code: failure.code, vars: failure.vars, message: failure.message }, usage: failure.usage ?? usage };
  }
}
