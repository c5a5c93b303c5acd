import type { InternalEvent, InternalResult, StreamCreator } from "@opennextjs/aws/types/open-next";
import type { OpenNextHandler, Wrapper, WrapperHandler } from "@opennextjs/aws/types/overrides";
import streaming from "@opennextjs/aws/overrides/wrappers/aws-lambda-streaming.js";
import { logRequest } from "./http-requests";
import { REQUEST_ID_HEADER } from "./request-id";

/**
 * OpenNext's Lambda streaming wrapper (open-next.config.ts), plus what
 * Node's HTTP server gives `next start` through its diagnostics channels
 * (./http-requests.ts): the invocation's Lambda request id written into the
 * request's headers before Next.js sees it and into the response's, and one
 * log line per request once it is answered.
 */

type LambdaContext = { awsRequestId?: string };
type StreamingFunction = (event: { headers?: Record<string, string> }, responseStream: unknown, context: LambdaContext) => Promise<void>;
type Runtime = { streamifyResponse: (fn: StreamingFunction) => unknown };

const wrapper: WrapperHandler = async (handler, converter) => {
  const runtime = (globalThis as unknown as { awslambda: Runtime }).awslambda;
  const streamify = runtime.streamifyResponse;
  // OpenNext's wrapper hands its function to the runtime's streamifyResponse;
  // take the function itself, to call it from one that sees the context.
  let inner: StreamingFunction | undefined;
  runtime.streamifyResponse = (fn) => (inner = fn);
  try {
    await streaming.wrapper(logged(handler), converter);
  } finally {
    runtime.streamifyResponse = streamify;
  }
  const openNext = inner!;
  return streamify.call(runtime, (event, responseStream, context) => {
    // Replaces whatever the client sent (in any letter case), as on `next start`.
    if (context.awsRequestId && event.headers) {
      for (const name of Object.keys(event.headers)) if (name.toLowerCase() === REQUEST_ID_HEADER) delete event.headers[name];
      event.headers[REQUEST_ID_HEADER] = context.awsRequestId;
    }
    return openNext(event, responseStream, context);
  }) as (...args: unknown[]) => unknown;
};

/** The handler Next.js answers through, with the id on the response and a line once it ends. */
function logged(handler: OpenNextHandler): OpenNextHandler {
  return async (event: InternalEvent, options) => {
    const started = performance.now();
    const requestId = event.headers[REQUEST_ID_HEADER];
    // As sent: a streamed answer's status is in its prelude.
    let status: number | undefined;
    const streamCreator: StreamCreator | undefined = options?.streamCreator && {
      ...options.streamCreator,
      writeHeaders(prelude) {
        status = prelude.statusCode;
        if (requestId) prelude.headers["x-request-id"] = requestId;
        return options.streamCreator!.writeHeaders(prelude);
      },
    };
    let result: InternalResult | undefined;
    try {
      result = await handler(event, { ...options, streamCreator });
      return result;
    } finally {
      if (requestId) {
        logRequest({
          requestId,
          method: event.method,
          pathname: event.rawPath,
          status: status ?? result?.statusCode ?? 500,
          durationMs: Math.round(performance.now() - started),
        });
      }
    }
  };
}

const requestLogging: Wrapper = { ...streaming, name: "parley-streaming", wrapper };
export default requestLogging;
