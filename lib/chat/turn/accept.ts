import "server-only";
import { ApiError } from "@/lib/errors/api-error";
import type { Store } from "@/lib/store/types";
import { registerTurn } from "../active-turns";
import { watchStopRequests } from "../stop-requests";

/**
 * Accepting a turn: it takes a place among the person's running replies
 * (one per conversation, a few per person) before any work starts, and from
 * then on a Stop — from any instance — or REPLY_TIME_LIMIT_MS ends its reply.
 * Only an explicit Stop ends it; the browser going away does not.
 */

export interface AcceptedTurn {
  signal: AbortSignal;
  /** Whether the reply ran into REPLY_TIME_LIMIT_MS (rather than being stopped). */
  timedOut(): boolean;
  /** Frees the turn's place: only once its reply is stored, or it failed to start. */
  release(): void;
}

const TIME_LIMIT_REACHED = Symbol("time limit reached");

export function acceptTurn(
  store: Store,
  turn: { turnId: string; userId: string; conversationId: string },
  options: { replyTimeLimitMs?: number; stopPollMs?: number; repliesAtOnce?: number | null },
): AcceptedTurn {
  const abort = new AbortController();
  const registration = registerTurn(turn.turnId, turn.userId, turn.conversationId, abort, options.repliesAtOnce);
  if (!registration.ok) {
    throw registration.reason === "conversation_busy" ? new ApiError(409, "busy") : new ApiError(429, "too_many_replies");
  }
  const unwatch = watchStopRequests(store, turn.userId, turn.turnId, abort, options.stopPollMs);
  const limit = options.replyTimeLimitMs;
  const timer = limit ? setTimeout(() => abort.abort(TIME_LIMIT_REACHED), limit) : undefined;
  let released = false;
  return {
    signal: abort.signal,
    timedOut: () => abort.signal.reason === TIME_LIMIT_REACHED,
    release() {
      if (released) return;
      released = true;
      clearTimeout(timer);
      unwatch();
      registration.unregister();
    },
  };
}
