import "server-only";
import { produceReply, type TurnDeps, type TurnEvent } from "@/lib/chat/turn";
import type { ReplyFailure, TokenUsage } from "@/lib/chat/types";
import { withKeepAlive } from "@/lib/http/keep-alive";
import type { CompletionRequest } from "./chat-request";
import { openAIError } from "./errors";
import { EventQueue } from "./event-queue";
import { failureStatus } from "./reply-failure";
import { CONVERSATION_HEADER, type StartedCompletion } from "./start-completion";

/**
 * A started turn's reply in OpenAI's wire format: one chat.completion JSON,
 * or (stream: true) chat.completion.chunk server-sent events ending in
 * `data: [DONE]`, with a usage chunk first when stream_options.include_usage
 * asks for it.
 *
 * A reply that fails before its first words gets the failure's own status
 * (429, 502, 504…), so a streamed response holds its status until the first
 * words — but never longer than the keep-alive interval, after which it
 * starts (proxies drop silent responses) and a failure comes as an `error`
 * event. The client closing the connection stops the reply, as Stop does;
 * what was written is kept in a kept conversation.
 */

export interface CompletionOptions {
  keepAliveMs: number;
  /** The client's request: aborted when it goes away. */
  signal: AbortSignal;
}

export async function completionResponse(
  deps: TurnDeps,
  started: StartedCompletion,
  body: CompletionRequest,
  options: CompletionOptions,
): Promise<Response> {
  const queue = new EventQueue();
  void produceReply(deps, started.plan, started.accepted, queue.push).finally(() => queue.end());
  const stop = () => started.accepted.stop();
  if (options.signal.aborted) stop();
  else options.signal.addEventListener("abort", stop, { once: true });

  const headers: Record<string, string> = started.conversationId ? { [CONVERSATION_HEADER]: started.conversationId } : {};
  const encoder = new ChunkEncoder(body.stream_options?.include_usage === true);

  if (!body.stream) {
    const seen: TurnEvent[] = [];
    while (!queue.done) {
      await queue.ready();
      for (let event = queue.take(); event; event = queue.take()) seen.push(event);
    }
    return withHeaders(completionJson(encoder, seen), headers);
  }

  const held = await firstWords(queue, options.keepAliveMs);
  const refusal = earlyFailure(held);
  if (refusal) return withHeaders(refusal, headers);

  const bytes = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const event = held.shift() ?? queue.take();
        if (event) {
          const text = encoder.encode(event);
          if (text) return controller.enqueue(bytes.encode(text));
          continue;
        }
        if (queue.done) return controller.close();
        await queue.ready();
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(withKeepAlive(stream, options.keepAliveMs), {
    headers: { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}

/** The events up to the first words, the end, or `ms` — whichever comes first. */
async function firstWords(queue: EventQueue, ms: number): Promise<TurnEvent[]> {
  const held: TurnEvent[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    for (let event = queue.take(); event; event = queue.take()) {
      held.push(event);
      if ((event.type === "text" && event.delta !== "") || event.type === "end" || event.type === "crash") return held;
    }
    const left = deadline - Date.now();
    if (queue.done || left <= 0) return held;
    await queue.ready(left);
  }
}

/** The refusal for a reply that ended before its first words; null when it did not. */
function earlyFailure(events: TurnEvent[]): Response | null {
  const last = events.at(-1);
  if (last?.type === "crash") return openAIError(500, "unexpected", last.message);
  if (last?.type !== "end" || !last.failure || last.failure.code === "time_limit") return null;
  const wrote = events.some((event) => event.type === "text" && event.delta !== "");
  return wrote ? null : failureResponse(last.failure);
}

function failureResponse(failure: ReplyFailure): Response {
  // The reply was written but could not be stored: Parley's fault, not the provider's.
  if (failure.code === "not_saved") return openAIError(500, failure.code, failure.message);
  const { status, retryAfterSeconds } = failureStatus(failure);
  return openAIError(status, failure.code, failure.message, retryAfterSeconds);
}

function completionJson(encoder: ChunkEncoder, events: TurnEvent[]): Response {
  let text = "";
  for (const event of events) {
    if (event.type === "start") encoder.encode(event);
    if (event.type === "text") text += event.delta;
    if (event.type === "crash") return openAIError(500, "unexpected", event.message);
  }
  const end = events.findLast((event) => event.type === "end");
  if (!end) return openAIError(500, "unexpected", "The reply ended without an answer.");
  if (end.failure && end.failure.code !== "time_limit") return failureResponse(end.failure);
  return Response.json({
    ...encoder.base("chat.completion"),
    choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: end.failure ? "length" : "stop" }],
    ...(end.usage ? { usage: usageOf(end.usage) } : {}),
  });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

const usageOf = (usage: TokenUsage) => ({
  prompt_tokens: usage.promptTokens,
  completion_tokens: usage.completionTokens,
  total_tokens: usage.promptTokens + usage.completionTokens,
});

const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** Turns events into chat.completion.chunk events (an empty string for those the client does not see). */
class ChunkEncoder {
  private id = "";
  private model = "";
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly includeUsage: boolean) {}

  base(object: "chat.completion" | "chat.completion.chunk") {
    return { id: this.id, object, created: this.created, model: this.model, system_fingerprint: null };
  }

  private chunk(delta: Record<string, string>, finishReason: "stop" | "length" | null): string {
    return data({
      ...this.base("chat.completion.chunk"),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.includeUsage ? { usage: null } : {}),
    });
  }

  encode(event: TurnEvent): string {
    switch (event.type) {
      case "start":
        this.id = `chatcmpl-${event.replyId}`;
        this.model = event.model;
        return this.chunk({ role: "assistant", content: "" }, null);
      case "text":
        return event.delta === "" ? "" : this.chunk({ content: event.delta }, null);
      case "end": {
        if (event.failure && event.failure.code !== "time_limit") return data(errorEvent(event.failure));
        const finish = this.chunk({}, event.failure ? "length" : "stop");
        const usage = this.includeUsage ? data({ ...this.base("chat.completion.chunk"), choices: [], usage: event.usage ? usageOf(event.usage) : null }) : "";
        return `${finish}${usage}data: [DONE]\n\n`;
      }
      case "crash":
        return data({ error: { message: event.message, type: "server_error", param: null, code: "unexpected" } });
      default:
        return "";
    }
  }
}

/** A failure after the first words, as OpenAI streams one (client libraries raise it). */
function errorEvent(failure: ReplyFailure) {
  const { status } = failure.code === "not_saved" ? { status: 500 } : failureStatus(failure);
  const type = status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return { error: { message: failure.message, type, param: null, code: failure.code } };
}
