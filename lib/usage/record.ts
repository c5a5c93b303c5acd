import "server-only";
import { getLogger } from "@/lib/log";
import type { Store, TokenUsage } from "@/lib/store/types";
import { utcDay } from "./periods";
import { costNanoUsd, priceOf, type ModelPrice } from "./prices";

/**
 * Adds a stored reply's usage, as the provider reported it, to the rollups
 * (its person's and its model's UTC day). The cost is estimated now, at the
 * prices in force when the reply was written. A failure is logged, never
 * passed on: the reply itself is already stored.
 */
export async function recordReplyUsage(
  store: Store,
  prices: readonly ModelPrice[],
  reply: { userId: string; model: string; usage: TokenUsage | null },
  at = new Date(),
): Promise<void> {
  const { usage } = reply;
  if (!usage) return;
  try {
    await store.recordUsage({
      userId: reply.userId,
      model: reply.model,
      day: utcDay(at),
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costNanoUsd: costNanoUsd(priceOf(prices, reply.model), usage),
    });
  } catch (error) {
    getLogger().error({ err: error }, "Could not record the reply's usage");
  }
}
