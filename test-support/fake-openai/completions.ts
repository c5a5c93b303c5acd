/**
 * POST /v1/chat/completions (and Azure's deployment URL): records the request,
 * then answers as its script says — an error, a whole JSON reply, or a stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { azurePromptFilteredBody } from "./azure";
import { defaultError, parseQuery, readBody, sendError, sendJson } from "./http";
import { isObject, lastUserText, messagesOf, purposeOf, roughTokens, splitIntoChunks } from "./request-text";
import { hold, type FakeState } from "./state";
import { streamResponse } from "./responses";
import { pause, stall, streamCompletion, type Completion, type Exchange } from "./sse";
import type { FakeReply, RecordedRequest, StartFakeOpenAIOptions } from "./types";

export async function handleCompletions(
  state: FakeState,
  onRequest: StartFakeOpenAIOptions["onRequest"],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deployment: string | undefined,
  api: "chat" | "responses" = "chat",
): Promise<void> {
  // Anything that must stop when the client goes away (delays, stalls) listens here.
  const gone = new AbortController();
  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch {
    res.destroy();
    return;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see RecordedRequest.body
  let body: any = null;
  let parseError: string | undefined;
  try {
    body = JSON.parse(rawBody);
  } catch (e) {
    parseError = e instanceof Error ? e.message : String(e);
  }

  const record: RecordedRequest = {
    id: state.nextId(),
    method: req.method ?? "POST",
    path: url.pathname,
    query: parseQuery(url),
    headers: { ...req.headers },
    body,
    rawBody,
    receivedAt: Date.now(),
    closedEarly: false,
    finishedAt: null,
    purpose: purposeOf(body),
    deployment: deployment ?? null,
    apiVersion: url.searchParams.get("api-version"),
    api,
  };
  const flight = state.begin(record);

  // Set when this server cuts the connection on purpose, which is not a client abort.
  let cutByServer = false;
  const cut = (): void => {
    cutByServer = true;
    res.socket?.destroy();
  };
  res.on("close", () => {
    if (!res.writableFinished && !cutByServer) record.closedEarly = true;
    record.finishedAt = Date.now();
    gone.abort();
    state.finish(flight);
  });
  state.arrived(record);

  if (parseError !== undefined || !isObject(body)) {
    sendError(
      res,
      400,
      parseError !== undefined
        ? `We could not parse the JSON body of your request. (${parseError})`
        : "The request body must be a JSON object.",
      "invalid_request_error",
      null,
    );
    return;
  }

  if (onRequest) {
    try {
      await onRequest(record);
    } catch (e) {
      sendError(res, 500, `fake-openai onRequest hook failed: ${String(e)}`, "server_error", null);
      return;
    }
  }
  if (gone.signal.aborted) return;
  // Picked after the hook so the hook may still script the reply to this very request.
  const reply = state.takeScript(body, record.purpose) ?? {};

  const model =
    typeof body.model === "string" && body.model !== "" ? (body.model as string) : (deployment ?? "unknown");
  const headers: Record<string, string> = { "x-request-id": `req_fake_${record.id}`, ...(reply.headers ?? {}) };

  if (reply.status !== undefined && reply.status >= 400) {
    if (reply.azure === true && reply.errorCode === "content_filter") {
      sendJson(res, reply.status, azurePromptFilteredBody({ ...reply, status: reply.status }), headers);
      return;
    }
    const d = defaultError(reply.status, reply.errorCode, model);
    sendError(
      res,
      reply.status,
      reply.errorMessage ?? d.message,
      reply.errorType ?? d.type,
      reply.errorCode ?? d.code,
      headers,
    );
    return;
  }

  const completion = plan(record, reply, model, headers);
  const exchange: Exchange = { req, res, flight, gone: gone.signal, cut };
  if (api === "responses") {
    if (body.stream !== true) {
      sendError(res, 400, "The fake answers the Responses API only streamed (stream: true).", "invalid_request_error", null);
      return;
    }
    await streamResponse(exchange, reply, completion);
  } else if (body.stream === true) {
    const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
    await streamCompletion(exchange, reply, completion, includeUsage);
  } else {
    await sendWhole(exchange, reply, completion);
  }
}

function plan(record: RecordedRequest, reply: FakeReply, model: string, headers: Record<string, string>): Completion {
  const chunks =
    reply.chunks ??
    (record.purpose === "title"
      ? // A title that equals the app's provisional one, so tests that do not script titles see no change.
        [lastUserText(record.body).replace(/\s+/g, " ").trim()]
      : splitIntoChunks(`Echo: ${lastUserText(record.body)}`));
  const reasoning = reply.reasoning ?? [];
  const reasoningTokens = reply.reasoningTokens ?? (reasoning.length > 0 ? roughTokens(reasoning.join("")) : 0);
  const promptTokens = reply.usage?.prompt_tokens ?? roughTokens(JSON.stringify(messagesOf(record.body)));
  const completionTokens = reply.usage?.completion_tokens ?? roughTokens(chunks.join("")) + reasoningTokens;
  return {
    id: `${record.api === "responses" ? "resp" : "chatcmpl"}-fake-${record.id}`,
    created: Math.floor(record.receivedAt / 1000),
    model,
    chunks,
    reasoning,
    delayMs: reply.delayMs ?? 0,
    finishReason: reply.finishReason ?? "stop",
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      ...(reasoningTokens > 0 || reply.reasoningTokens !== undefined
        ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } }
        : {}),
    },
    headers,
  };
}

/** A non-streaming reply has no chunk boundaries; failure modes apply to the whole body. */
async function sendWhole({ res, flight, gone, cut }: Exchange, reply: FakeReply, completion: Completion): Promise<void> {
  const { id, created, model, chunks, delayMs, finishReason, usage, headers } = completion;
  if (reply.hang || reply.stallAfter !== undefined) {
    await stall(gone);
    return;
  }
  if (reply.holdAfter !== undefined && !(await hold(flight, gone))) return;
  if (!(await pause(delayMs * chunks.length, gone))) return;
  if (reply.disconnectAfter !== undefined) {
    cut();
    return;
  }
  sendJson(
    res,
    200,
    {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: chunks.join(""), refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
      system_fingerprint: "fp_fake",
    },
    headers,
  );
}
