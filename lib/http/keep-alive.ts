/**
 * Keeps a server-sent-events response from going quiet. CloudFront (and most
 * proxies) drop a response when no byte arrives for their read timeout — 60 s
 * as Parley deploys it — and a model can think longer than that before its
 * first token. An SSE comment line is ignored by every client,
 * including the AI SDK's parser, so one is sent whenever the stream has been
 * silent for `intervalMs`.
 *
 * Comments are only inserted between the source's chunks, which are whole
 * events, so an event is never split.
 */
const COMMENT = new TextEncoder().encode(": keep-alive\n\n");

export function withKeepAlive(source: ReadableStream<Uint8Array>, intervalMs: number): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastWrite = Date.now();
  const stopTimer = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Checked more often than the interval so a gap never exceeds it by much.
      timer = setInterval(() => {
        if (Date.now() - lastWrite < intervalMs) return;
        lastWrite = Date.now();
        try {
          controller.enqueue(COMMENT);
        } catch {
          stopTimer(); // the consumer is gone
        }
      }, Math.max(10, Math.floor(intervalMs / 4)));
      timer.unref?.();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        stopTimer();
        controller.close();
        return;
      }
      lastWrite = Date.now();
      controller.enqueue(value);
    },
    async cancel(reason) {
      stopTimer();
      await reader.cancel(reason);
    },
  });
}

/** The same response with keep-alive comments in its body. */
export function keepAliveResponse(response: Response, intervalMs: number): Response {
  if (!response.body) return response;
  return new Response(withKeepAlive(response.body, intervalMs), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
