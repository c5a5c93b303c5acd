import type { TokenUsage } from "@/lib/store/types";

/** Tokens of one reply: what was sent plus what came back. */
export function replyTokens(usage: TokenUsage | null | undefined): number {
  return usage ? usage.promptTokens + usage.completionTokens : 0;
}

export interface UsageTotal {
  promptTokens: number;
  completionTokens: number;
  /** promptTokens + completionTokens */
  totalTokens: number;
  /** Of completionTokens, those spent reasoning. */
  reasoningTokens: number;
  /** Replies that reported usage. */
  replies: number;
}

/**
 * A conversation's running total over its messages (stored Messages or the
 * browser's ChatMessages: anything with `usage` or `metadata.usage`).
 * Replies without usage (stopped early, failed, older records) count nothing.
 */
export function totalUsage(
  messages: Iterable<{ usage?: TokenUsage | null; metadata?: { usage?: TokenUsage | null } | null }>,
): UsageTotal {
  const total: UsageTotal = { promptTokens: 0, completionTokens: 0, totalTokens: 0, reasoningTokens: 0, replies: 0 };
  for (const message of messages) {
    const usage = message.usage ?? message.metadata?.usage;
    if (!usage) continue;
    total.promptTokens += usage.promptTokens;
    total.completionTokens += usage.completionTokens;
    total.reasoningTokens += usage.reasoningTokens ?? 0;
    total.replies += 1;
  }
  total.totalTokens = total.promptTokens + total.completionTokens;
  return total;
}
