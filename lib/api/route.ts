import "server-only";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/store";
import type { User } from "@/lib/store/types";
import { authenticateApiKey } from "./authenticate";
import { preflight, withCors } from "./cors";
import { apiErrorResponse } from "./errors";

/**
 * Wraps an /api/v1 route handler: the caller is the owner of the request's
 * API key (401 otherwise; never a session cookie), a thrown ApiError is
 * answered in OpenAI's error shape, and allowed origins get CORS headers.
 */
export function withApiKey<C>(handler: (request: Request, user: User, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const config = getConfig();
    let response: Response;
    try {
      const user = await authenticateApiKey(await getStore(), request.headers, config.clientAddress);
      response = await handler(request, user, context);
    } catch (error) {
      // The caller went away while its body was being read: nobody to answer.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      response = apiErrorResponse(error);
    }
    return withCors(request, response, config.apiAllowedOrigins);
  };
}

/** The OPTIONS handler of an /api/v1 route (CORS preflight). */
export function apiPreflight(methods: string) {
  return async (request: Request): Promise<Response> => preflight(request, getConfig().apiAllowedOrigins, methods);
}
