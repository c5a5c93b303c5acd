/**
 * Writing a reply over time: the streamed (SSE) chat-completion chunks, and
 * the pauses, holds, stalls and cuts a script asks for along the way.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { AZURE_FILTER_RESULTS, AZURE_PRELUDE_CHUNK } from "./azure";
import { isObject } from "./request-text";
import { hold, type Flight } from "./state";
import type { FakeReply } from "./types";

/** A reply as it will be written, worked out from the request and its script. */
export interface Completion {
  id: string;
  created: number;
  model: string;
  chunks: string[];
  /** Reasoning chunks, streamed before the text chunks. */
  reasoning: string[];
  delayMs: number;
  finishReason: string;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    completion_tokens_details?: { reasoning_tokens: number };
  };
  /** Response headers: the request id and the script's own. */
  headers: Record<string, string>;
}

/** One request's connection, and the ways its reply can end early. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  flight: Flight;
  /** Aborts when the client goes away: anything that must stop then (delays, stalls) listens here. */
  gone: AbortSignal;
  /** Ends the connection on purpose, which is not a client abort. */
  cut: () => void;
}

/**
 * Resolves after `ms`, or early (with false) when `signal` aborts; never rejects, so
 * a client disconnect cannot surface as an unhandled rejection.
 */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Waits until the client goes away (or the server closes). */
export function stall(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

export async function streamCompletion(
  { req, res, flight, gone, cut }: Exchange,
  reply: FakeReply,
  completion: Completion,
  includeUsage: boolean,
): Promise<void> {
  const { id, created, model, chunks, reasoning, delayMs, finishReason, usage, headers } = completion;
  const azure = reply.azure === true;
  const reasoningField = reply.reasoningField ?? "reasoning_content";
  const steps = [...reasoning.map((text) => ({ reasoning: true, text })), ...chunks.map((text) => ({ reasoning: false, text }))];

  // Nagle would coalesce small SSE writes and hide chunk timing from clients.
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();

  // Resolves once everything written so far has reached the socket.
  let flushed: Promise<void> = Promise.resolve();
  const send = (payload: unknown): boolean => {
    if (res.destroyed || res.writableEnded) return false;
    flushed = new Promise((resolve) => {
      res.write(`data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`, () => resolve());
    });
    return true;
  };
  const chunkEvent = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    object: "chat.completion.chunk",
    created,
    model,
    system_fingerprint: "fp_fake",
    // Azure judges every choice's text with its content filters.
    choices: azure
      ? choices.map((c) => (isObject(c) && c.finish_reason === null ? { ...c, content_filter_results: AZURE_FILTER_RESULTS } : c))
      : choices,
    // The real API puts usage: null on every chunk when include_usage is on.
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });

  if (azure && !send(AZURE_PRELUDE_CHUNK)) return;
  for (const raw of reply.preludeChunks ?? []) {
    if (!send(raw)) return;
  }

  if (reply.hang) {
    await stall(gone);
    return;
  }

  for (let i = 0; i <= steps.length; i++) {
    // Checked before sending chunk i, i.e. after i chunks went out; i === chunks.length
    // lets an option equal to the chunk count act before the final event. A hold comes
    // first so that it can be combined with a later cut or stall at the same point.
    // Once released, hold() returns at once, so the later chunks are not held again.
    if (reply.holdAfter !== undefined && i >= reply.holdAfter && !(await hold(flight, gone))) return;
    if (reply.disconnectAfter !== undefined && i >= reply.disconnectAfter) {
      // Destroying the socket drops writes still queued in Node, so cutting right away
      // would usually hide the partial reply this option exists to produce.
      await flushed;
      cut();
      return;
    }
    if (reply.stallAfter !== undefined && i >= reply.stallAfter) {
      await stall(gone);
      return;
    }
    if (i === steps.length) break;
    if (delayMs > 0 && !(await pause(delayMs, gone))) return;
    const step = steps[i];
    // Like the real API, role only appears on the first delta; servers that
    // separate reasoning send it beside an empty content.
    const delta: Record<string, unknown> = step.reasoning
      ? { content: null, [reasoningField]: step.text }
      : { content: step.text };
    if (i === 0) Object.assign(delta, { role: "assistant", refusal: null });
    if (!send(chunkEvent([{ index: 0, delta, logprobs: null, finish_reason: null }]))) return;
  }

  if (steps.length === 0 && !send(chunkEvent([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]))) {
    return;
  }
  if (reply.streamError) {
    // An error chunk mid-stream, as OpenAI-compatible servers send one.
    if (send({ error: { message: reply.streamError.message, type: "server_error", code: reply.streamError.code, param: null } })) res.end();
    return;
  }
  const finish: Record<string, unknown> = { index: 0, delta: {}, logprobs: null, finish_reason: finishReason };
  if (azure && finishReason === "content_filter") {
    finish.content_filter_results = { ...AZURE_FILTER_RESULTS, violence: { filtered: true, severity: "medium" } };
  }
  if (!send(chunkEvent([finish]))) return;
  if (includeUsage && !send(chunkEvent([], { usage }))) return;
  if (!send("[DONE]")) return;
  res.end();
}
