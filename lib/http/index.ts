import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { describeForLog } from "@/lib/log";
import type { User } from "@/lib/store";

/**
 * Helpers that keep route handlers thin: every error a route returns is JSON
 * of the form { error: { code, message } } with a message a person can read.
 */

export function jsonError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads at most `maxBytes` of the body, without buffering more than that. */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, "too_large", `The request is too large (limit ${Math.round(maxBytes / 1024)} KB).`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and validates a JSON body; throws HttpError(400/413/415) otherwise. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, maxBytes = 256 * 1024): Promise<z.infer<T>> {
  // Exactly JSON: "text/plain" bodies can be posted cross-site without a preflight.
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError(415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const text = await readCapped(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    // A text or list over its limit is "too large"; a number out of range is just invalid.
    const tooLarge = issue.code === "too_big" && issue.origin !== "number";
    throw new HttpError(tooLarge ? 413 : 400, "invalid_request", `${where}${issue.message}`);
  }
  return parsed.data;
}

/**
 * Wraps a route handler: resolves the signed-in user (401 JSON otherwise) and
 * turns thrown HttpErrors, and anything unexpected, into JSON answers.
 */
export function withUser<C>(handler: (request: Request, user: User, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) return jsonError(401, "unauthenticated", "Sign in to continue.");
      return await handler(request, user, context);
    } catch (error) {
      // The caller went away while its body was being read: nobody to answer.
      if (request.signal.aborted && isAbort(error)) return new Response(null, { status: 499 });
      return errorResponse(error);
    }
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.message === "aborted");
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return jsonError(error.status, error.code, error.message);
  console.error("Unexpected error in route handler:", describeForLog(error));
  return jsonError(500, "internal", "Parley could not complete the request. Try again in a moment.");
}

