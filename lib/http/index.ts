import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/chat/ids";
import { ApiError } from "@/lib/errors/api-error";
import { getLogger } from "@/lib/log";
import { requestIdOf } from "@/lib/observability/request-id";
import type { User } from "@/lib/store";

/**
 * Helpers that keep route handlers thin: a handler throws ApiError to refuse
 * a request, and every refusal is answered as JSON
 * { error: { code, message, vars?, requestId } }.
 */

/** Reads at most `maxBytes` of the body, without buffering more than that. */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError(413, "too_large", { kb: Math.round(maxBytes / 1024) });
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

/** Reads and validates a JSON body; throws ApiError(400/413/415) otherwise. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, maxBytes = 256 * 1024): Promise<z.infer<T>> {
  // Exactly JSON: "text/plain" bodies can be posted cross-site without a preflight.
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") throw new ApiError(415, "unsupported_media_type");
  const text = await readCapped(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    // A text or list over its limit is "too large"; a number out of range is just invalid.
    const tooLarge = issue.code === "too_big" && issue.origin !== "number";
    throw new ApiError(tooLarge ? 413 : 400, "invalid_request", { detail: `${where}${issue.message}` });
  }
  return parsed.data;
}

/** A path id that is not a UUID names nothing: answered like a missing record. */
export function requireUuid(id: string, notFound: ApiError["code"]): string {
  if (!isUuid(id)) throw new ApiError(404, notFound);
  return id;
}

/**
 * Wraps a route handler: resolves the signed-in user (401 otherwise) and
 * turns a thrown ApiError, and anything unexpected, into a JSON answer.
 */
export function withUser<C>(handler: (request: Request, user: User, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new ApiError(401, "unauthenticated");
      return await handler(request, user, context);
    } catch (error) {
      // The caller went away while its body was being read: nobody to answer.
      if (request.signal.aborted && isAbort(error)) return new Response(null, { status: 499 });
      return errorResponse(error, requestIdOf(request.headers));
    }
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.message === "aborted");
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ApiError) return Response.json(error.toBody(requestId), { status: error.status });
  getLogger().error({ err: error, requestId }, "Unexpected error in route handler");
  return Response.json(new ApiError(500, "internal").toBody(requestId), { status: 500 });
}
