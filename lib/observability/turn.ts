import { observabilityConfig } from "@/lib/config/observability";
import type { MessageStatus, ReplyFailure, TokenUsage } from "@/lib/chat/types";
import { getLogger } from "@/lib/log";
import { withEmf, type EmfGroup } from "./emf";
import { getMetrics } from "./metrics";

/**
 * One log line and the metrics of a chat turn, from its start until its
 * reply ended (before it is stored). Times are measured here so the turn
 * only reports what happened: started, first token, ended.
 */

export interface TurnFacts {
  requestId: string | undefined;
  userId: string;
  /** Null for a stateless API call, which keeps no conversation. */
  conversationId: string | null;
  model: string;
}

export interface TurnEnd {
  status: MessageStatus;
  failure: ReplyFailure | null;
  usage: TokenUsage | null;
}

export interface TurnWatch {
  /** The reply's first text arrived (later calls are ignored). */
  firstToken(): void;
  /** The reply ended: logs the turn's line and counts it (once). */
  end(outcome: TurnEnd): void;
}

/** What CloudWatch publishes from a turn's line (names are the line's fields). */
export const TURN_METRICS: EmfGroup[] = [
  // turnErrors is 1 or 0 on every line: its average is the error rate.
  { dimensions: [[]], metrics: [{ name: "turns", unit: "Count" }, { name: "turnErrors", unit: "Count" }] },
  { dimensions: [["outcome"]], metrics: [{ name: "turns", unit: "Count" }] },
  { dimensions: [["errorKind"]], metrics: [{ name: "turnErrors", unit: "Count" }] },
  {
    dimensions: [[]],
    metrics: [
      { name: "ttftMs", unit: "Milliseconds" },
      { name: "durationMs", unit: "Milliseconds" },
      { name: "promptTokens", unit: "Count" },
      { name: "completionTokens", unit: "Count" },
      { name: "reasoningTokens", unit: "Count" },
    ],
  },
];

export function watchTurn(facts: TurnFacts): TurnWatch {
  const started = performance.now();
  let ttftMs: number | null = null;
  let ended = false;
  const metrics = getMetrics();
  metrics.activeReplies.inc();
  return {
    firstToken() {
      ttftMs ??= Math.round(performance.now() - started);
    },
    end({ status, failure, usage }) {
      if (ended) return;
      ended = true;
      metrics.activeReplies.dec();
      const durationMs = Math.round(performance.now() - started);
      const outcome = status;
      // Another change adds reasoning tokens to TokenUsage; until then there are none.
      const reasoning = (usage as { reasoningTokens?: number } | null)?.reasoningTokens;
      const tokens = { prompt: usage?.promptTokens ?? 0, completion: usage?.completionTokens ?? 0, reasoning: reasoning ?? 0 };

      metrics.turns.inc({ outcome });
      if (ttftMs !== null) metrics.ttft.observe(ttftMs / 1000);
      metrics.turnDuration.observe(durationMs / 1000);
      for (const [kind, count] of Object.entries(tokens)) if (count > 0) metrics.tokens.inc({ kind }, count);
      if (failure) metrics.providerErrors.inc({ kind: failure.kind });

      const fields = {
        event: "turn",
        requestId: facts.requestId,
        userId: facts.userId,
        conversationId: facts.conversationId,
        model: facts.model,
        outcome,
        ...(failure && { errorKind: failure.kind, errorCode: failure.code }),
        ttftMs,
        durationMs,
        promptTokens: tokens.prompt,
        completionTokens: tokens.completion,
        reasoningTokens: tokens.reasoning,
      };
      const { onLambda, metricsNamespace } = observabilityConfig();
      const line = onLambda ? withEmf({ ...fields, turns: 1, turnErrors: failure ? 1 : 0 }, metricsNamespace, TURN_METRICS) : fields;
      getLogger().info(line, "turn");
    },
  };
}
