import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

/**
 * Runs the OpenNext server function the way the Lambda Node.js runtime does:
 * a stand-in for the runtime's `awslambda` global, then a plain import of the
 * built handler module. Only the runtime is imitated; the handler, Next.js
 * and Parley run exactly as they were built.
 */

export interface ResponsePrelude {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

const SEPARATOR = Buffer.alloc(8);

/**
 * What Lambda's response stream receives from an HTTP-integration handler:
 * a JSON prelude, eight NUL bytes, then the body as it is written.
 */
export class RecordedResponse extends Writable {
  contentType: string | undefined;
  prelude: ResponsePrelude | undefined;
  /** The body's writes, one entry per write, in order. */
  readonly chunks: string[] = [];
  private head = Buffer.alloc(0);
  private readonly watchers = new Set<() => void>();

  setContentType(type: string): void {
    this.contentType = type;
  }

  get text(): string {
    return this.chunks.join("");
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (this.prelude) {
      this.chunks.push(bytes.toString("utf8"));
    } else {
      this.head = Buffer.concat([this.head, bytes]);
      const end = this.head.indexOf(SEPARATOR);
      if (end !== -1) {
        this.prelude = JSON.parse(this.head.subarray(0, end).toString("utf8")) as ResponsePrelude;
        const rest = this.head.subarray(end + SEPARATOR.length);
        if (rest.length > 0) this.chunks.push(rest.toString("utf8"));
      }
    }
    for (const listener of this.watchers) listener();
    done();
  }

  /** Resolves once the body so far satisfies `test`; rejects if the stream ends first. */
  waitFor(test: (text: string) => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (test(this.text)) {
          cleanup();
          resolve();
        } else if (this.writableFinished) {
          cleanup();
          reject(new Error(`The response ended before ${what}. Body so far:\n${this.text}`));
        }
      };
      const cleanup = () => {
        this.watchers.delete(check);
        this.off("finish", check);
      };
      this.watchers.add(check);
      this.on("finish", check);
      check();
    });
  }
}

type StreamingHandler = (event: unknown, responseStream: RecordedResponse, context: object) => Promise<void>;

interface LambdaRuntimeStandIn {
  streamifyResponse(handler: StreamingHandler): (event: unknown, context?: object, stream?: RecordedResponse) => Promise<void>;
  HttpResponseStream: { from(stream: RecordedResponse, prelude: object): RecordedResponse };
}

declare global {
  var awslambda: LambdaRuntimeStandIn | undefined;
}

function installRuntime(): void {
  globalThis.awslambda = {
    // The real runtime creates the stream per invocation; here the caller
    // passes one in so the test can watch the bytes arrive.
    streamifyResponse: (handler) => (event, context = {}, stream = new RecordedResponse()) =>
      handler(event, stream, { callbackWaitsForEmptyEventLoop: true, awsRequestId: crypto.randomUUID(), ...context }),
    HttpResponseStream: {
      from(stream, prelude) {
        stream.setContentType("application/vnd.awslambda.http-integration-response");
        stream.write(JSON.stringify(prelude));
        stream.write(SEPARATOR);
        return stream;
      },
    },
  };
}

/** `context` is merged into the invocation's Lambda context (e.g. its awsRequestId). */
export type Invoke = (event: unknown, context?: object) => { response: RecordedResponse; done: Promise<void> };

/** Imports the built handler module and returns a way to invoke it. */
export async function loadHandler(modulePath: string): Promise<Invoke> {
  installRuntime();
  const built = (await import(/* @vite-ignore */ pathToFileURL(modulePath).href)) as {
    handler: (event: unknown, context?: object, stream?: RecordedResponse) => Promise<void>;
  };
  return (event, context = {}) => {
    const response = new RecordedResponse();
    const done = built.handler(event, context, response).then(async () => {
      // The wrapper ends the stream itself; wait for the last write to land.
      if (!response.writableFinished) await new Promise((resolve) => response.once("finish", resolve));
    });
    return { response, done };
  };
}
