import "server-only";
import { describeForLog } from "@/lib/log";
import { englishError } from "@/lib/errors/wire";
import type { Store } from "@/lib/store/types";
import type { MessageMeta } from "../messages";
import type { ReplyFailure } from "../types";
import type { ReplyOutcome } from "./stream";

/**
 * Saving a turn: the reply is stored however it ended (complete, stopped,
 * error, with its usage), and a generated title replaces the provisional one.
 */

/** Stores the reply; answers the metadata the browser gets, which says so if storing failed. */
export async function saveReply(
  store: Store,
  turn: { userId: string; conversationId: string; replyId: string; model: string; omitted: number },
  outcome: ReplyOutcome,
): Promise<{ meta: MessageMeta; failure: ReplyFailure | null }> {
  let { status, failure } = outcome;
  try {
    await store.appendMessage(turn.userId, {
      id: turn.replyId,
      conversationId: turn.conversationId,
      role: "assistant",
      content: outcome.text,
      status,
      errorKind: failure?.kind ?? null,
      model: turn.model,
      usage: outcome.usage,
      reasoning: outcome.reasoning ?? null,
    });
  } catch (error) {
    console.error("Could not store the reply:", describeForLog(error));
    status = "error";
    failure = { kind: failure?.kind ?? "provider", code: "not_saved", vars: null, message: englishError("not_saved") };
  }
  const meta: MessageMeta = {
    status,
    errorKind: failure?.kind ?? null,
    errorCode: failure?.code ?? null,
    errorVars: failure?.vars ?? null,
    errorMessage: failure?.message ?? null,
    model: turn.model,
    usage: outcome.usage,
    omitted: turn.omitted,
    ...(outcome.reasoning ? { thinkingMs: outcome.reasoning.durationMs } : {}),
  };
  return { meta, failure };
}

/**
 * Replaces the provisional title with the generated one, only while it is
 * still the provisional one: a name the person gave meanwhile stays. Answers
 * the title stored, if any.
 */
export async function saveGeneratedTitle(
  store: Store,
  turn: { userId: string; conversationId: string },
  provisional: string,
  generated: string | null,
): Promise<string | null> {
  if (!generated || generated === provisional) return null;
  const renamed = await store
    .renameConversation(turn.userId, turn.conversationId, generated, { onlyIfTitle: provisional })
    .catch((error: unknown) => {
      console.error("Could not store the generated title:", describeForLog(error));
      return false;
    });
  return renamed ? generated : null;
}
