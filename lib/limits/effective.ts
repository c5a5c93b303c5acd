import "server-only";
import type { LimitOverrides, LimitValues, Store } from "@/lib/store/types";

/**
 * Which limit applies to a person, field by field: their own (set by an
 * admin), else the admin's default, else the environment's (LIMIT_*).
 * Each level may say "no limit" (null); only a field left out falls through.
 */

export const LIMIT_FIELDS = ["tokensPerDay", "repliesPerHour", "repliesAtOnce"] as const;

export function mergeLimits(base: LimitValues, ...levels: Array<LimitOverrides | null>): LimitValues {
  const merged = { ...base };
  for (const level of levels) {
    for (const field of LIMIT_FIELDS) {
      const value = level?.[field];
      if (value !== undefined) merged[field] = value;
    }
  }
  return merged;
}

/** Everyone's limits: the admin's where set, else the environment's. */
export async function defaultLimits(store: Store, environment: LimitValues): Promise<LimitValues> {
  return mergeLimits(environment, await store.getDefaultLimits());
}

/** The limits `userId` runs under now (two reads, made at once). */
export async function effectiveLimits(store: Store, environment: LimitValues, userId: string): Promise<LimitValues> {
  const [admin, person] = await Promise.all([store.getDefaultLimits(), store.getPersonLimits(userId)]);
  return mergeLimits(environment, admin, person);
}
