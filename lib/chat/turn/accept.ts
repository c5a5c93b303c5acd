import "server-only";
import { ApiError } from "@/lib/errors/api-error";
import { getLogger } from "@/lib/log";
import type { Store } from "@/lib/store/types";
import { SHUTTING_DOWN, trackTurn } from "../active-turns";
import { isShuttingDown } from "../shutdown";
import { watchStopRequests } from "../stop-requests";

/**
 * Accepting a turn: it takes a lease in the store among the person's running
 * replies (one per conversation, a few per person, on every instance) before
 * any work starts, and keeps it renewed while it runs; a turn whose process
 * dies frees its place when the lease ends. From then on a Stop — from any
 * instance — REPLY_TIME_LIMIT_MS or a shutdown ends its reply. Only an
 * explicit Stop ends it; the browser going away does not.
 */

export interface AcceptedTurn {
  signal: AbortSignal;
  /** Whether the reply ran into REPLY_TIME_LIMIT_MS (rather than being stopped). */
  timedOut(): boolean;
  /** Whether the reply was cut short by this server shutting down. */
  interrupted(): boolean;
  /** Ends the reply as a Stop does (its stored reply is gone, or an API client closed its connection). */
  stop(): void;
  /** Frees the turn's place: only once its reply is stored, or it failed to start. */
  release(): Promise<void>;
}

/** How long a turn's lease, and its reply's, vouch for a live writer; renewed at a third of it. */
export const TURN_LEASE_MS = 15_000;
/** Replies a person may have running at once, unless told otherwise. */
export const DEFAULT_MAX_REPLIES_PER_USER = 3;

const TIME_LIMIT_REACHED = Symbol("time limit reached");

export interface AcceptOptions {
  replyTimeLimitMs?: number;
  stopPollMs?: number;
  maxRepliesPerUser?: number;
  leaseMs?: number;
}

export async function acceptTurn(
  store: Store,
  turn: { turnId: string; userId: string; conversationId: string },
  options: AcceptOptions,
): Promise<AcceptedTurn> {
  if (isShuttingDown()) throw new ApiError(503, "shutting_down");
  const leaseMs = options.leaseMs ?? TURN_LEASE_MS;
  // A Stop may arrive before its turn (the browser sends it while the turn's
  // request is still on the way): looked up alongside the lease, so such a
  // turn never reaches the provider.
  const [refusal, stoppedEarly] = await Promise.all([
    store.acquireTurnLease({
      ...turn,
      until: new Date(Date.now() + leaseMs),
      maxPerUser: options.maxRepliesPerUser ?? DEFAULT_MAX_REPLIES_PER_USER,
    }),
    store.isStopRequested(turn.userId, turn.turnId).catch(() => false),
  ]);
  if (refusal === "conversation_busy") throw new ApiError(409, "busy");
  if (refusal === "too_many") throw new ApiError(429, "too_many_replies");

  const abort = new AbortController();
  if (stoppedEarly) abort.abort();
  const untrack = trackTurn(turn.userId, turn.turnId, abort);
  const unwatch = watchStopRequests(store, turn.userId, turn.turnId, abort, options.stopPollMs);
  const renewal = setInterval(() => {
    store.renewTurnLease(turn.userId, turn.turnId, new Date(Date.now() + leaseMs)).catch((error: unknown) => {
      getLogger().warn({ err: error }, "Could not renew a turn's lease");
    });
  }, Math.max(1, Math.floor(leaseMs / 3)));
  renewal.unref?.();
  const limit = options.replyTimeLimitMs;
  const timer = limit ? setTimeout(() => abort.abort(TIME_LIMIT_REACHED), limit) : undefined;
  let released: Promise<void> | null = null;
  return {
    signal: abort.signal,
    timedOut: () => abort.signal.reason === TIME_LIMIT_REACHED,
    interrupted: () => abort.signal.reason === SHUTTING_DOWN,
    stop: () => abort.abort(),
    release() {
      released ??= (async () => {
        clearTimeout(timer);
        clearInterval(renewal);
        unwatch();
        await store.releaseTurnLease(turn.userId, turn.turnId).catch((error: unknown) => {
          // The lease then ends by itself within TURN_LEASE_MS.
          getLogger().error({ err: error }, "Could not release a turn's lease");
        });
        untrack();
      })();
      return released;
    },
  };
}
