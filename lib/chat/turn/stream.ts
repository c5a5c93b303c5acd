import "server-only";
import { randomUUID } from "node:crypto";
import { englishError } from "@/lib/errors/wire";
import { createProviderClient, type ProviderClient } from "@/lib/llm/client";
import type { BuiltPrompt } from "@/lib/llm/context";
import { providerError, ProviderError, toProviderError } from "@/lib/llm/errors";
import { ReplyStopped, streamReply, type ModelParameters } from "@/lib/llm/stream";
import { generateTitle, titleModelFor } from "@/lib/llm/title";
import { getLogger } from "@/lib/log";
import { watchTurn } from "@/lib/observability/turn";
import type { ChatSettings } from "@/lib/settings";
import type { StoredReasoning } from "@/lib/store/types";
import { recordReplyUsage } from "@/lib/usage/record";
import { titleFrom, type MessageMeta } from "../messages";
import { Thinking } from "../thinking";
import type { MessageStatus, ReplyFailure, TokenUsage } from "../types";
import { TURN_LEASE_MS, type AcceptedTurn } from "./accept";
import type { TurnDeps } from "./index";
import { saveProgressAsItGrows } from "./progress";
import { removeReplaced, saveGeneratedTitle, saveReply, type StartedReply } from "./save";

/**
 * Writing a turn's reply: the provider's reply is passed on as it arrives,
 * as TurnEvents that each caller encodes for its wire (the web chat: an AI
 * SDK UI message stream, ui-stream.ts; /api/v1: OpenAI's chunks). A kept
 * reply is stored as it starts and saved as it grows (progress.ts), then
 * stored however it ended, and only then may another turn start in the
 * conversation.
 */

export interface ReplyOutcome {
  text: string;
  status: Exclude<MessageStatus, "streaming">;
  failure: ReplyFailure | null;
  usage: TokenUsage | null;
  /** What the model shared of its reasoning; never sent back to it. */
  reasoning?: StoredReasoning | null;
}

/** What a reply is written from, once the turn is accepted and prepared. */
export interface ReplyPlan {
  userId: string;
  /** The turn's id (Stop names it; a kept reply carries it while it is written). */
  turnId: string;
  /** The request's id (X-Request-Id), on the turn's log line and under a failure. */
  requestId?: string;
  settings: ChatSettings;
  prompt: BuiltPrompt;
  /** The new message's documents cut to fit the context window, and how much of each the model saw. */
  cut?: { name: string; percent: number }[];
  /**
   * Where the reply is kept; null for a call that keeps no history (a
   * stateless API call), which stores nothing.
   */
  conversation: {
    id: string;
    /** The first message of a conversation this turn opened: the model names the conversation after it. */
    firstMessage: string | null;
    /** The reply, stored as "streaming" before the provider is asked. */
    reply: StartedReply;
    /** A regeneration's earlier answers, removed once the new one has text. */
    replaced: string[];
  } | null;
}

/**
 * A reply's story, in this order: start, then reasoning… (for a model that
 * reasons; `opened` on the first) and thought (how long it took), text…,
 * written (the provider is done), saved and title (kept conversations only),
 * then end — or crash when something unexpected broke it off.
 */
export type TurnEvent =
  | { type: "start"; replyId: string; turnId: string; model: string; omitted: number; cut?: { name: string; percent: number }[] }
  | { type: "reasoning"; delta: string; opened: boolean }
  | { type: "thought"; durationMs: number | null }
  | { type: "text"; delta: string }
  | { type: "written"; outcome: ReplyOutcome }
  | { type: "saved"; meta: MessageMeta }
  | { type: "title"; conversationId: string; title: string }
  /** `failure` also says when the reply could not be stored. */
  | { type: "end"; status: MessageStatus; failure: ReplyFailure | null; usage: TokenUsage | null }
  | { type: "crash"; message: string };

/** The model parameters of a person's settings. */
export function modelParameters(settings: ChatSettings): ModelParameters {
  return {
    model: settings.model,
    temperature: settings.temperature,
    topP: settings.topP,
    presencePenalty: settings.presencePenalty,
    frequencyPenalty: settings.frequencyPenalty,
    maxTokens: settings.maxTokens,
    reasoningEffort: settings.reasoningEffort,
    verbosity: settings.verbosity,
  };
}

/**
 * Writes the reply, passing its events to `emit` (which must not throw), and
 * frees the turn's place once the reply is stored. Never rejects.
 */
export async function produceReply(deps: TurnDeps, plan: ReplyPlan, accepted: AcceptedTurn, emit: (event: TurnEvent) => void): Promise<void> {
  const client = openClient(deps);
  const { settings, prompt, conversation } = plan;
  const replyId = conversation?.reply.replyId ?? randomUUID();
  const firstMessage = conversation?.firstMessage ?? null;

  // A new conversation is named by the model while the reply is written, so
  // the name is usually ready when the reply ends and never holds it up long.
  const titleClient = client instanceof Error ? null : client;
  const title: Promise<string | null> =
    firstMessage !== null && titleClient && deps.provider && deps.generateTitles !== false && !accepted.signal.aborted
      ? generateTitle(
          titleClient,
          deps.provider,
          { model: titleModelFor(deps.provider, settings.model, deps.titleModel), text: firstMessage },
          { timeoutMs: deps.titleTimeoutMs },
        )
      : Promise.resolve(null);

  try {
    emit({ type: "start", replyId, turnId: plan.turnId, model: settings.model, omitted: prompt.omitted, cut: plan.cut });
    let replacedRemoved: Promise<void> | null = null;
    const removeOld = () => (conversation ? (replacedRemoved ??= removeReplaced(deps.store, conversation.reply, conversation.replaced)) : Promise.resolve());
    const progress = conversation
      ? saveProgressAsItGrows(deps.store, conversation.reply, {
          leaseMs: deps.leaseMs ?? TURN_LEASE_MS,
          intervalMs: deps.progressIntervalMs,
          onFirstText: conversation.replaced.length > 0 ? removeOld : undefined,
          onGone: () => accepted.stop(),
        })
      : null;
    const watch = watchTurn({ requestId: plan.requestId, userId: plan.userId, conversationId: conversation?.id ?? null, model: settings.model });
    const thinking = new Thinking();
    const endThinking = () => {
      if (thinking.end()) emit({ type: "thought", durationMs: thinking.durationMs });
    };
    const written = await writeReply(deps, client, plan, accepted, {
      text: (delta) => {
        watch.firstToken();
        endThinking();
        emit({ type: "text", delta });
        progress?.append(delta);
      },
      reasoning: (delta) => {
        watch.firstToken();
        // Once the answer began, a late summary is only stored.
        const ended = thinking.ended;
        const opened = thinking.add(delta);
        if (opened || (delta && !ended)) emit({ type: "reasoning", delta: ended ? "" : delta, opened });
      },
    });
    endThinking();
    const outcome: ReplyOutcome = { ...written, reasoning: thinking.stored() };
    watch.end(outcome);
    emit({ type: "written", outcome });

    let failure = outcome.failure;
    if (conversation) {
      await progress?.close();
      const saved = await saveReply(deps.store, { ...conversation.reply, model: settings.model, omitted: prompt.omitted }, outcome);
      if (conversation.replaced.length > 0) await removeOld();
      failure = saved.failure;
      emit({ type: "saved", meta: failure ? { ...saved.meta, requestId: plan.requestId } : saved.meta });

      const provisionalTitle = firstMessage === null ? "" : titleFrom(firstMessage);
      const stored = await saveGeneratedTitle(deps.store, conversation.reply, provisionalTitle, await title);
      if (stored) emit({ type: "title", conversationId: conversation.id, title: stored });
    }
    // Counted even when the reply was not kept or could not be stored: the provider charged for it.
    await recordReplyUsage(deps.store, deps.prices ?? [], { userId: plan.userId, model: settings.model, usage: outcome.usage });
    // Only now, with the reply stored, may another turn start here: before
    // the client hears the reply ended and may send the next message.
    await accepted.release();
    emit({ type: "end", status: outcome.status, failure, usage: outcome.usage });
  } catch (error) {
    getLogger().error({ err: error }, "Reply stream failed");
    emit({ type: "crash", message: englishError("unexpected") });
  } finally {
    await accepted.release();
  }
}

/** The provider client, or why it could not be made (reported in the reply, like any provider failure). */
function openClient(deps: TurnDeps): ProviderClient | Error | null {
  if (!deps.provider) return null;
  try {
    return (deps.createClient ?? createProviderClient)(deps.provider, deps.idleTimeoutMs);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Streams the provider's reply (its text and its reasoning) to `on`; answers how it ended, never throws. */
async function writeReply(
  deps: TurnDeps,
  client: ProviderClient | Error | null,
  plan: ReplyPlan,
  accepted: AcceptedTurn,
  on: { text: (delta: string) => void; reasoning: (delta: string) => void },
): Promise<ReplyOutcome> {
  const { settings } = plan;
  let text = "";
  let usage: TokenUsage | null = null;
  try {
    if (client instanceof Error) throw client;
    if (!deps.provider || !client) throw providerError("not_configured");
    const events = streamReply(
      client,
      deps.provider,
      { ...modelParameters(settings), messages: plan.prompt.messages },
      { signal: accepted.signal, idleTimeoutMs: deps.idleTimeoutMs },
    );
    for await (const event of events) {
      if (event.type === "text") {
        text += event.text;
        on.text(event.text);
      } else if (event.type === "reasoning") {
        on.reasoning(event.text);
      } else {
        usage = event.usage;
      }
    }
    return { text, status: "complete", failure: null, usage };
  } catch (error) {
    if (error instanceof ReplyStopped && accepted.interrupted()) {
      // The server is shutting down: what was written is kept as interrupted.
      return { text, status: "interrupted", failure: null, usage };
    }
    if (error instanceof ReplyStopped && accepted.timedOut()) {
      // Ended by Parley before the platform would kill it mid-write
      // (Lambda), so what was produced is stored; not the person's Stop.
      const vars = { seconds: Math.round((deps.replyTimeLimitMs ?? 0) / 1000) };
      return { text, status: "error", usage, failure: { kind: "interrupted", code: "time_limit", vars, message: englishError("time_limit", vars) } };
    }
    if (error instanceof ReplyStopped) return { text, status: "stopped", failure: null, usage };
    const failure = toProviderError(error, { model: settings.model, streamed: text !== "", provider: deps.provider?.kind });
    if (!(error instanceof ProviderError)) getLogger().error({ err: error }, "Reply failed");
    return { text, status: "error", failure: { kind: failure.kind, code: failure.code, vars: failure.vars, message: failure.message }, usage: failure.usage ?? usage };
  }
}
