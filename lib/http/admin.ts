import { currentUser } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors/api-error";
import { requestIdOf } from "@/lib/observability/request-id";
import type { User } from "@/lib/store";
import { errorResponse } from "./index";

/**
 * Wraps an admin route handler. A member, or someone signed out, is answered
 * 404 like a route that does not exist, so the admin API does not reveal
 * itself; the role is re-read from the store on every request.
 */
export function withAdmin<C>(handler: (request: Request, admin: User, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user || user.role !== "admin") throw new ApiError(404, "not_found");
      return await handler(request, user, context);
    } catch (error) {
      return errorResponse(error, requestIdOf(request.headers));
    }
  };
}
