import "server-only";
import type { AppConfig, ContextWindowConfig, ProviderConfig } from "@/lib/config";
import type { ProviderClient } from "@/lib/llm/client";
import { isModelOffered } from "@/lib/llm/models";
import type { PartialChatSettings } from "@/lib/settings";
import type { Store } from "@/lib/store/types";
import type { ChatRequest } from "../request";
import { acceptTurn, type AcceptedTurn } from "./accept";
import { prepareTurn } from "./prepare";
import { produceReply, type ReplyPlan } from "./stream";
import { uiMessageStream, type ChatChunk } from "./ui-stream";

/**
 * One turn of a conversation, as its story: accept (limits, Stop) →
 * prepare (conversation, settings, history; the person's message stored
 * before the provider is called) → stream (the reply as it arrives) →
 * save (the reply however it ends: complete, stopped, error). The reply
 * comes as TurnEvents; the web chat gets them as a UI message stream, and
 * lib/api encodes them for /api/v1.
 */

export type { ChatChunk, ReplyPlan };
export type { TurnEvent } from "./stream";
export { acceptTurn, produceReply };

export interface TurnDeps {
  store: Store;
  provider: ProviderConfig | null;
  idleTimeoutMs: number;
  /** DEFAULT_MODEL: for people who chose none, and for a model no longer offered. */
  defaultModel: string;
  /** ALLOWED_MODELS, as a test. */
  isModelOffered: (model: string) => boolean;
  /** REPLY_TIME_LIMIT_MS: a reply still being written after this long is ended and stored. */
  replyTimeLimitMs?: number;
  /** How often the store is asked whether another instance stopped the reply. */
  stopPollMs?: number;
  /** Lets tests observe or replace the client; defaults to the real one. */
  createClient?: (config: ProviderConfig, timeoutMs: number) => ProviderClient;
  /** CONTEXT_WINDOW / MODEL_CONTEXT_WINDOWS. */
  contextWindows?: ContextWindowConfig;
  /** TITLE_MODEL; see titleModelFor. */
  titleModel?: string;
  /** Generate a title for a new conversation (default true). */
  generateTitles?: boolean;
  /** Longest wait for a generated title (default TITLE_TIMEOUT_MS). */
  titleTimeoutMs?: number;
}

export interface TurnInput {
  /** What the person asks for, as validated from the wire. */
  request: ChatRequest;
  userId: string;
  /** The browser's languages, for a built-in preset's wording. */
  acceptLanguage: string | null;
  /** Settings this request sets over the conversation's (an API call's model, temperature…). */
  overrides?: PartialChatSettings;
}

/** A turn accepted and prepared: its reply is written by produceReply. */
export interface StartedTurn {
  plan: ReplyPlan;
  accepted: AcceptedTurn;
}

/** The turn's dependencies from the app's configuration. */
export function turnDeps(store: Store, config: AppConfig): TurnDeps {
  return {
    store,
    provider: config.provider,
    idleTimeoutMs: config.providerTimeoutMs,
    defaultModel: config.defaultModel,
    isModelOffered: (model) => isModelOffered(config, model),
    contextWindows: config.contextWindows,
    titleModel: config.titleModel,
    replyTimeLimitMs: config.replyTimeLimitMs,
  };
}

/**
 * Runs a turn: answers its reply's stream once the person's message is
 * stored, or throws ApiError when the turn is refused (nothing changed then).
 */
export async function runTurn(deps: TurnDeps, input: TurnInput): Promise<ReadableStream<ChatChunk>> {
  const { plan, accepted } = await startTurn(deps, input);
  return uiMessageStream((emit) => produceReply(deps, plan, accepted, emit));
}

/** Accepts and prepares a turn, or throws ApiError when it is refused (nothing changed then). */
export async function startTurn(deps: TurnDeps, input: TurnInput): Promise<StartedTurn> {
  const { request, userId } = input;
  const accepted = acceptTurn(deps.store, { turnId: request.turnId, userId, conversationId: request.conversationId }, deps);
  try {
    const prepared = await prepareTurn(deps, input);
    const firstMessage = prepared.created && request.trigger === "submit" ? request.text : null;
    const plan: ReplyPlan = {
      userId,
      settings: prepared.settings,
      prompt: prepared.prompt,
      conversation: { id: prepared.conversationId, firstMessage },
    };
    return { plan, accepted };
  } catch (error) {
    accepted.release();
    throw error;
  }
}
