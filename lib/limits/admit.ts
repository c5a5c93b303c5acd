import "server-only";
import { ApiError } from "@/lib/errors/api-error";
import type { LimitValues, Store } from "@/lib/store/types";
import { nextUtcDay, nextUtcHour, timeUntil, utcDay, utcHour } from "@/lib/usage/periods";

/**
 * Admitting a reply against the person's limits (see effectiveLimits),
 * before any work starts.
 * Tokens per day: what today's replies used (known once each is stored) must
 * be under the limit; a reply already running may take the day past it.
 * Replies per hour: counted atomically in the store, so of many requests at
 * once on any number of servers exactly the allowed number pass. Days and
 * hours are UTC.
 */
export async function admitReply(store: Store, limits: LimitValues, userId: string, now = new Date()): Promise<void> {
  if (limits.tokensPerDay !== null) {
    const day = utcDay(now);
    const today = await store.getPersonUsage(userId, day, day);
    const used = today.reduce((sum, d) => sum + d.promptTokens + d.completionTokens, 0);
    if (used >= limits.tokensPerDay) {
      throw new ApiError(429, "token_limit", { limit: limits.tokensPerDay, resetsAt: "00:00", ...timeUntil(now, nextUtcDay(now)) });
    }
  }
  const counted = await store.takeHourlyReply(userId, utcHour(now), limits.repliesPerHour);
  if (counted === null) {
    const resets = nextUtcHour(now);
    throw new ApiError(429, "reply_limit", {
      limit: limits.repliesPerHour ?? 0,
      resetsAt: `${String(resets.getUTCHours()).padStart(2, "0")}:00`,
      ...timeUntil(now, resets),
    });
  }
}
