"use client";

import { totalUsage } from "@/lib/chat/usage";
import type { ChatMessage } from "@/lib/chat/messages";
import { useT } from "@/lib/i18n/client";

/**
 * The conversation's running token total, in one quiet line. Renders nothing
 * until a reply has reported usage. Place it anywhere inside the chat view.
 */
export function UsageTotal({ messages, className }: { messages: ChatMessage[]; className?: string }) {
  const t = useT();
  const total = totalUsage(messages);
  if (total.replies === 0) return null;
  return (
    <p className={className ?? "usage-total message-meta"} data-testid="usage-total">
      {t(total.reasoningTokens > 0 ? "usage.conversationTotalThinking" : "usage.conversationTotal", {
        tokens: total.totalTokens,
        prompt: total.promptTokens,
        completion: total.completionTokens,
        reasoning: total.reasoningTokens,
      })}
    </p>
  );
}
