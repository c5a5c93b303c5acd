import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/errors/api-error";
import { getLogger } from "@/lib/log";
import { englishError } from "@/lib/errors/wire";
import type { Store } from "@/lib/store/types";
import type { MessageMeta } from "../messages";
import type { ReplyFailure } from "../types";
import type { ReplyOutcome } from "./stream";

/**
 * Saving a turn: the reply is stored as soon as it starts (status
 * "streaming", see progress.ts for its saves while it grows), then however
 * it ended (complete, stopped, error, interrupted, with its usage); a
 * regeneration's earlier answers go once the new one has text; and a
 * generated title replaces the provisional one.
 */

export interface StartedReply {
  userId: string;
  conversationId: string;
  replyId: string;
}

/** Stores the reply before the provider is asked for it, so a reload or a restart finds it. */
export async function startReply(
  store: Store,
  turn: { userId: string; conversationId: string; turnId: string; model: string },
  leaseMs: number,
): Promise<StartedReply> {
  const replyId = randomUUID();
  const started = await store.appendMessage(turn.userId, {
    id: replyId,
    conversationId: turn.conversationId,
    role: "assistant",
    content: "",
    status: "streaming",
    model: turn.model,
    turnId: turn.turnId,
    leaseUntil: new Date(Date.now() + leaseMs),
  });
  if (!started) throw new ApiError(404, "conversation_not_found");
  return { userId: turn.userId, conversationId: turn.conversationId, replyId };
}

/** Removes a regeneration's earlier answers (once the new one has text, or has ended). */
export async function removeReplaced(store: Store, reply: StartedReply, replaced: string[]): Promise<void> {
  await Promise.all(
    replaced.map((id) =>
      store.deleteMessage(reply.userId, reply.conversationId, id).catch((error: unknown) => {
        // Left in place, it is replaced again by the next regeneration.
        getLogger().error({ err: error }, "Could not remove a replaced answer");
      }),
    ),
  );
}

/** Stores how the reply ended; answers the metadata the browser gets, which says so if storing failed. */
export async function saveReply(
  store: Store,
  turn: StartedReply & { model: string; omitted: number },
  outcome: ReplyOutcome,
): Promise<{ meta: MessageMeta; failure: ReplyFailure | null }> {
  let { status, failure } = outcome;
  try {
    await store.finishReply(turn.userId, turn.conversationId, turn.replyId, {
      content: outcome.text,
      status,
      errorKind: failure?.kind ?? null,
      usage: outcome.usage,
      reasoning: outcome.reasoning ?? null,
    });
  } catch (error) {
    getLogger().error({ err: error }, "Could not store the reply");
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
      getLogger().error({ err: error }, "Could not store the generated title");
      return false;
    });
  return renamed ? generated : null;
}
