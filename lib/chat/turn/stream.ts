import "server-only";
import { randomUUID } from "node:crypto";
import { englishError } from "@/lib/errors/wire";
import { createProviderClient, type ProviderClient } from "@/lib/llm/client";
import { providerError, ProviderError, toProviderError } from "@/lib/llm/errors";
import { ReplyStopped, streamReply, type ModelParameters } from "@/lib/llm/stream";
import { generateTitle, titleModelFor } from "@/lib/llm/title";
import { describeForLog } from "@/lib/log";
import type { ChatSettings } from "@/lib/settings";
import type { BuiltPrompt } from "@/lib/llm/context";
import { titleFrom, type MessageMeta } from "../messages";
import type { MessageStatus, ReplyFailure, TokenUsage } from "../types";
import type { AcceptedTurn } from "./accept";
import type { TurnDeps } from "./index";
import { saveGeneratedTitle, saveReply } from "./save";

/**
 * Writing a turn's reply: the provider's reply is passed on as it arrives,
 * as TurnEvents that each caller encodes for its wire (the web chat: an AI
 * SDK UI message stream, ui-stream.ts; /api/v1: OpenAI's chunks). Then it is
 * saved, and only then may another turn start in the conversation.
 */

export interface ReplyOutcome {
  text: string;
  status: MessageStatus;
  failure: ReplyFailure | null;
  usage: TokenUsage | null;
}

/** What a reply is written from, once the turn is accepted and prepared. */
export interface ReplyPlan {
  userId: string;
  settings: ChatSettings;
  prompt: BuiltPrompt;
  /**
   * Where the reply is kept; null for a call that keeps no history (a
   * stateless API call), which stores nothing.
   */
  conversation: {
    id: string;
    /** The first message of a conversation this turn opened: the model names the conversation after it. */
    firstMessage: string | null;
  } | null;
}

/**
 * A reply's story, in this order: start, text…, written (the provider is
 * done), saved and title (kept conversations only), then end — or crash
 * when something unexpected broke it off.
 */
export type TurnEvent =
  | { type: "start"; replyId: string; model: string; omitted: number }
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
  };
}

/**
 * Writes the reply, passing its events to `emit` (which must not throw), and
 * frees the turn's place once the reply is stored. Never rejects.
 */
export async function produceReply(deps: TurnDeps, plan: ReplyPlan, accepted: AcceptedTurn, emit: (event: TurnEvent) => void): Promise<void> {
  const client = openClient(deps);
  const replyId = randomUUID();
  const { settings, prompt, conversation } = plan;
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
    emit({ type: "start", replyId, model: settings.model, omitted: prompt.omitted });
    const outcome = await writeReply(deps, client, plan, accepted, (delta) => emit({ type: "text", delta }));
    emit({ type: "written", outcome });

    let failure = outcome.failure;
    if (conversation) {
      const turn = { userId: plan.userId, conversationId: conversation.id, replyId };
      const saved = await saveReply(deps.store, { ...turn, model: settings.model, omitted: prompt.omitted }, outcome);
      failure = saved.failure;
      emit({ type: "saved", meta: saved.meta });

      const provisionalTitle = firstMessage === null ? "" : titleFrom(firstMessage);
      const stored = await saveGeneratedTitle(deps.store, turn, provisionalTitle, await title);
      if (stored) emit({ type: "title", conversationId: conversation.id, title: stored });
    }
    emit({ type: "end", status: outcome.status, failure, usage: outcome.usage });
  } catch (error) {
    console.error("Reply stream failed:", describeForLog(error));
    emit({ type: "crash", message: englishError("unexpected") });
  } finally {
    // Only now, with the reply stored, may another turn start here.
    accepted.release();
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

/** Streams the provider's reply through `onText`; answers how it ended, never throws. */
async function writeReply(
  deps: TurnDeps,
  client: ProviderClient | Error | null,
  plan: ReplyPlan,
  accepted: AcceptedTurn,
  onText: (delta: string) => void,
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
        onText(event.text);
      } else {
        usage = event.usage;
      }
    }
    return { text, status: "complete", failure: null, usage };
  } catch (error) {
    if (error instanceof ReplyStopped && accepted.timedOut()) {
      // Ended by Parley before the platform would kill it mid-write
      // (Lambda), so what was produced is stored; not the person's Stop.
      const vars = { seconds: Math.round((deps.replyTimeLimitMs ?? 0) / 1000) };
      return { text, status: "error", usage, failure: { kind: "interrupted", code: "time_limit", vars, message: englishError("time_limit", vars) } };
    }
    if (error instanceof ReplyStopped) return { text, status: "stopped", failure: null, usage };
    const failure = toProviderError(error, { model: settings.model, streamed: text !== "", provider: deps.provider?.kind });
    if (!(error instanceof ProviderError)) console.error("Reply failed:", describeForLog(error));
    return { text, status: "error", failure: { kind: failure.kind, code: failure.code, vars: failure.vars, message: failure.message }, usage: failure.usage ?? usage };
  }
}
