/** Request bodies in, JSON and OpenAI-style error bodies out. */
import type { IncomingMessage, ServerResponse } from "node:http";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    // A client that disconnects mid-upload never emits "end".
    req.on("close", () => {
      if (!req.complete) reject(new Error("client closed before sending the whole body"));
    });
  });
}

/** The body parsed as JSON, or undefined when it cannot be read or parsed. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req));
  } catch {
    return undefined;
  }
}

export function parseQuery(url: URL): Record<string, string> {
  const q: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    q[k] = v;
  });
  return q;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  const body: Json = { error: { message, type, code, param: null } };
  sendJson(res, status, body, headers);
}

/** The message, type and code OpenAI answers with for this status (and error code). */
export function defaultError(status: number, code: string | undefined, model: string): {
  message: string;
  type: string;
  code: string | null;
} {
  if (code === "insufficient_quota") {
    return {
      message: "You exceeded your current quota, please check your plan and billing details.",
      type: "insufficient_quota",
      code,
    };
  }
  if (code === "content_filter") {
    return {
      message: "The response was filtered due to the prompt triggering content management policy.",
      type: "invalid_request_error",
      code,
    };
  }
  switch (status) {
    case 400:
      return { message: "Bad request", type: "invalid_request_error", code: code ?? null };
    case 401:
      return {
        message: "Incorrect API key provided",
        type: "invalid_request_error",
        code: code ?? "invalid_api_key",
      };
    case 403:
      return { message: "Permission denied", type: "invalid_request_error", code: code ?? null };
    case 404:
      return {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        code: code ?? "model_not_found",
      };
    case 429:
      return { message: "Rate limit reached", type: "requests", code: code ?? "rate_limit_exceeded" };
    default:
      return status >= 500
        ? { message: "The server had an error", type: "server_error", code: code ?? null }
        : { message: `Error ${status}`, type: "invalid_request_error", code: code ?? null };
  }
}
