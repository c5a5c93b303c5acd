/**
 * POST /v1/responses, streamed: the Responses API's typed events in the
 * order OpenAI sends them — response.created / in_progress, a reasoning
 * output item with its summary part and deltas, a message output item with
 * its content part and text deltas, then response.completed (or
 * response.incomplete, response.failed, an `error` event) with usage that
 * counts reasoning tokens. The script's pauses, holds, stalls and cuts act on
 * the delta events, counted across reasoning and text.
 */
import { pause, stall, type Completion, type Exchange } from "./sse";
import { hold } from "./state";
import type { FakeReply } from "./types";

export async function streamResponse(
  { req, res, flight, gone, cut }: Exchange,
  reply: FakeReply,
  completion: Completion,
): Promise<void> {
  const { id, created, model, chunks, reasoning, delayMs, usage, headers } = completion;
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();

  let sequence = 0;
  let flushed: Promise<void> = Promise.resolve();
  const send = (type: string, payload: Record<string, unknown>): boolean => {
    if (res.destroyed || res.writableEnded) return false;
    const data = JSON.stringify({ type, sequence_number: sequence++, ...payload });
    flushed = new Promise((resolve) => {
      res.write(`event: ${type}\ndata: ${data}\n\n`, () => resolve());
    });
    return true;
  };

  const reasoningId = `rs_fake_${id}`;
  const messageId = `msg_fake_${id}`;
  const reasoningText = reasoning.join("");
  const text = chunks.join("");
  const reasoningItem = (done: boolean) => ({
    id: reasoningId,
    type: "reasoning",
    summary: done && reasoningText ? [{ type: "summary_text", text: reasoningText }] : [],
  });
  const messageItem = (done: boolean) => ({
    id: messageId,
    type: "message",
    role: "assistant",
    status: done ? "completed" : "in_progress",
    content: done ? [{ type: "output_text", text, annotations: [] }] : [],
  });
  const messageIndex = reasoning.length > 0 ? 1 : 0;
  const response = (status: string, extra: Record<string, unknown> = {}) => ({
    id,
    object: "response",
    created_at: created,
    status,
    model,
    output: [],
    usage: null,
    error: null,
    incomplete_details: null,
    ...extra,
  });

  if (!send("response.created", { response: response("in_progress") })) return;
  if (!send("response.in_progress", { response: response("in_progress") })) return;
  if (reply.hang) {
    await stall(gone);
    return;
  }

  const steps = [...reasoning.map((delta) => ({ reasoning: true, delta })), ...chunks.map((delta) => ({ reasoning: false, delta }))];
  let opened: "none" | "reasoning" | "message" = "none";
  const closeReasoning = () =>
    send("response.reasoning_summary_text.done", { item_id: reasoningId, output_index: 0, summary_index: 0, text: reasoningText }) &&
    send("response.reasoning_summary_part.done", {
      item_id: reasoningId,
      output_index: 0,
      summary_index: 0,
      part: { type: "summary_text", text: reasoningText },
    }) &&
    send("response.output_item.done", { output_index: 0, item: reasoningItem(true) });
  const openMessage = () =>
    send("response.output_item.added", { output_index: messageIndex, item: messageItem(false) }) &&
    send("response.content_part.added", {
      item_id: messageId,
      output_index: messageIndex,
      content_index: 0,
      part: { type: "output_text", text: "", annotations: [] },
    });

  for (let i = 0; i <= steps.length; i++) {
    // As on Chat Completions: a hold first, then a cut or a stall at the same point.
    if (reply.holdAfter !== undefined && i >= reply.holdAfter && !(await hold(flight, gone))) return;
    if (reply.disconnectAfter !== undefined && i >= reply.disconnectAfter) {
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
    if (step.reasoning) {
      if (opened === "none") {
        opened = "reasoning";
        if (!send("response.output_item.added", { output_index: 0, item: reasoningItem(false) })) return;
        if (
          !send("response.reasoning_summary_part.added", {
            item_id: reasoningId,
            output_index: 0,
            summary_index: 0,
            part: { type: "summary_text", text: "" },
          })
        ) {
          return;
        }
      }
      if (!send("response.reasoning_summary_text.delta", { item_id: reasoningId, output_index: 0, summary_index: 0, delta: step.delta })) return;
      continue;
    }
    if (opened !== "message") {
      if (opened === "reasoning" && !closeReasoning()) return;
      opened = "message";
      if (!openMessage()) return;
    }
    const delta = { item_id: messageId, output_index: messageIndex, content_index: 0, delta: step.delta, logprobs: [] };
    if (!send("response.output_text.delta", delta)) return;
  }

  if (reply.streamError) {
    if (send("error", { code: reply.streamError.code, message: reply.streamError.message, param: null })) res.end();
    return;
  }
  if (opened === "reasoning" && !closeReasoning()) return;
  if (opened === "message") {
    const done =
      send("response.output_text.done", { item_id: messageId, output_index: messageIndex, content_index: 0, text, logprobs: [] }) &&
      send("response.content_part.done", {
        item_id: messageId,
        output_index: messageIndex,
        content_index: 0,
        part: { type: "output_text", text, annotations: [] },
      }) &&
      send("response.output_item.done", { output_index: messageIndex, item: messageItem(true) });
    if (!done) return;
  }

  const output = [...(reasoning.length > 0 ? [reasoningItem(true)] : []), ...(chunks.length > 0 ? [messageItem(true)] : [])];
  const responseUsage = {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  };
  let ended: boolean;
  if (reply.failed) {
    ended = send("response.failed", {
      response: response("failed", { output, usage: responseUsage, error: { code: reply.failed.code, message: reply.failed.message } }),
    });
  } else if (reply.incomplete) {
    ended = send("response.incomplete", {
      response: response("incomplete", { output, usage: responseUsage, incomplete_details: { reason: reply.incomplete } }),
    });
  } else {
    ended = send("response.completed", { response: response("completed", { output, usage: responseUsage }) });
  }
  if (ended) res.end();
}
