import type { Store } from "@/lib/store/types";

/**
 * "Last active" for the admin directory, written at most every few minutes
 * per person and server process. The remembered times only save writes: an
 * instance that does not know a person writes once, which is harmless.
 */
const RECORD_EVERY_MS = 5 * 60 * 1000;
const recorded = new Map<string, number>();

export async function noteActivity(store: Store, userId: string, now = new Date()): Promise<void> {
  const last = recorded.get(userId);
  if (last !== undefined && now.getTime() - last < RECORD_EVERY_MS) return;
  recorded.set(userId, now.getTime());
  await store.recordUserActivity(userId, now);
}
