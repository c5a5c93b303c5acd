import "server-only";
import { effectiveLimits } from "@/lib/limits/effective";
import type { LimitValues, Store } from "@/lib/store/types";
import { monthDays, nextUtcDay, nextUtcHour, utcDay, utcHour, utcMonth } from "./periods";

/** What a person sees of their own use in Settings: this month, today, this hour, and what is left. */
export interface OwnUsage {
  month: string;
  monthTokens: number;
  monthReplies: number;
  monthCostNanoUsd: number;
  todayTokens: number;
  hourReplies: number;
  limits: LimitValues;
  /** Null where there is no limit. */
  tokensLeftToday: number | null;
  repliesLeftThisHour: number | null;
  /** ISO instants, UTC. */
  dayResetsAt: string;
  hourResetsAt: string;
}

export async function ownUsage(store: Store, environment: LimitValues, userId: string, now = new Date()): Promise<OwnUsage> {
  const month = utcMonth(now);
  const today = utcDay(now);
  const [days, hourReplies, limits] = await Promise.all([
    store.getPersonUsage(userId, monthDays(month).first, today),
    store.countHourlyReplies(userId, utcHour(now)),
    effectiveLimits(store, environment, userId),
  ]);
  const tokens = (d: { promptTokens: number; completionTokens: number }) => d.promptTokens + d.completionTokens;
  const todayTokens = days.filter((d) => d.day === today).reduce((sum, d) => sum + tokens(d), 0);
  return {
    month,
    monthTokens: days.reduce((sum, d) => sum + tokens(d), 0),
    monthReplies: days.reduce((sum, d) => sum + d.replies, 0),
    monthCostNanoUsd: days.reduce((sum, d) => sum + d.costNanoUsd, 0),
    todayTokens,
    hourReplies,
    limits,
    tokensLeftToday: limits.tokensPerDay === null ? null : Math.max(0, limits.tokensPerDay - todayTokens),
    repliesLeftThisHour: limits.repliesPerHour === null ? null : Math.max(0, limits.repliesPerHour - hourReplies),
    dayResetsAt: nextUtcDay(now).toISOString(),
    hourResetsAt: nextUtcHour(now).toISOString(),
  };
}
