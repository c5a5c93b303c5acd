import "server-only";
import type { AppConfig, ContextWindowConfig, ProviderConfig } from "@/lib/config";
import type { ProviderClient } from "@/lib/llm/client";
import { admitReply } from "@/lib/limits/admit";
import { effectiveLimits } from "@/lib/limits/effective";
import { isModelOffered } from "@/lib/llm/models";
import type { LimitValues, Store } from "@/lib/store/types";
import type { ModelPrice } from "@/lib/usage/prices";
import type { ChatRequest } from "../request";
import { acceptTurn } from "./accept";
import { prepareTurn } from "./prepare";
import { streamTurn, type ChatChunk } from "./stream";

/**
 * One turn of a conversation, as its story: accept (limits, Stop) →
 * prepare (conversation, settings, history; the person's message stored
 * before the provider is called) → stream (the reply as it arrives) →
 * save (the reply however it ends: complete, stopped, error).
 */

export type { ChatChunk };

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
  /** LIMIT_*: the environment's limits, under the admin's (lib/limits); none checked without. */
  limits?: LimitValues;
  /** Prices for the estimated cost recorded with each reply's usage. */
  prices?: readonly ModelPrice[];
}

export interface TurnInput {
  /** What the person asks for, as validated from the wire. */
  request: ChatRequest;
  userId: string;
  /** The browser's languages, for a built-in preset's wording. */
  acceptLanguage: string | null;
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
    limits: config.limits,
    prices: config.modelPrices,
  };
}

/**
 * Runs a turn: answers its reply's stream once the person's message is
 * stored, or throws ApiError when the turn is refused (nothing changed then).
 */
export async function runTurn(deps: TurnDeps, input: TurnInput): Promise<ReadableStream<ChatChunk>> {
  const { request, userId } = input;
  const limits = deps.limits ? await effectiveLimits(deps.store, deps.limits, userId) : null;
  const accepted = acceptTurn(
    deps.store,
    { turnId: request.turnId, userId, conversationId: request.conversationId },
    { ...deps, repliesAtOnce: limits?.repliesAtOnce },
  );
  try {
    // Refused at a limit (429), the turn has changed nothing: the person's text goes back to the composer.
    if (limits) await admitReply(deps.store, limits, userId);
    const prepared = await prepareTurn(deps, input);
    return streamTurn(deps, input, prepared, accepted);
  } catch (error) {
    accepted.release();
    throw error;
  }
}
