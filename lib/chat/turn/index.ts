import "server-only";
import type { AppConfig, ContextWindowConfig, ProviderConfig } from "@/lib/config";
import type { ProviderClient } from "@/lib/llm/client";
import { admitReply } from "@/lib/limits/admit";
import { effectiveLimits } from "@/lib/limits/effective";
import { isModelOffered } from "@/lib/llm/models";
import type { BlobStore } from "@/lib/blobs/types";
import type { PartialChatSettings } from "@/lib/settings";
import type { LimitValues, Store } from "@/lib/store/types";
import type { ModelPrice } from "@/lib/usage/prices";
import type { ChatRequest } from "../request";
import { acceptTurn, TURN_LEASE_MS, type AcceptedTurn } from "./accept";
import { prepareTurn } from "./prepare";
import { startReply } from "./save";
import { produceReply, type ReplyPlan } from "./stream";
import { uiMessageStream, type ChatChunk } from "./ui-stream";

/**
 * One turn of a conversation, as its story: accept (a lease in the store
 * for the limits; Stop) → prepare (conversation, settings, history; the
 * person's message stored before the provider is called) → the reply
 * stored as it starts → produce (the reply as it arrives, its text saved as
 * it grows) → save (the reply however it ends: complete, stopped, error,
 * interrupted). The reply comes as TurnEvents; the web chat gets them as a
 * UI message stream, and lib/api encodes them for /api/v1.
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
  /** Where attachments live; needed only by messages that carry files. */
  blobs?: BlobStore;
  /** VISION_MODELS: prefixes of models that take images besides the known ones. */
  visionModels?: readonly string[];
  /** Generate a title for a new conversation (default true). */
  generateTitles?: boolean;
  /** Longest wait for a generated title (default TITLE_TIMEOUT_MS). */
  titleTimeoutMs?: number;
  /** Replies a person may have running at once when no limits are set (default 3). */
  maxRepliesPerUser?: number;
  /** How long a turn's lease and its reply's vouch for a live writer (default TURN_LEASE_MS). */
  leaseMs?: number;
  /** How often a growing reply's text is saved (default about once a second). */
  progressIntervalMs?: number;
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
  /** The request's id (X-Request-Id), on the turn's log line. */
  requestId?: string;
  /** Settings this request sets over the conversation's (an API call's model, temperature…). */
  overrides?: PartialChatSettings;
}

/** A turn accepted and prepared: its reply is written by produceReply. */
export interface StartedTurn {
  plan: ReplyPlan;
  accepted: AcceptedTurn;
}

/** The turn's dependencies from the app's configuration. */
export function turnDeps(store: Store, config: AppConfig, blobs?: BlobStore): TurnDeps {
  return {
    store,
    blobs,
    visionModels: config.visionModels,
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
  const { plan, accepted } = await startTurn(deps, input);
  return uiMessageStream((emit) => produceReply(deps, plan, accepted, emit));
}

/**
 * Takes the turn's place among the person's running replies and checks
 * their limits (lib/limits), or throws ApiError (409/429): refused, the turn
 * has changed nothing, and the person's text goes back to the composer.
 */
export async function acceptWithinLimits(
  deps: TurnDeps,
  turn: { turnId: string; userId: string; conversationId: string },
): Promise<AcceptedTurn> {
  const limits = deps.limits ? await effectiveLimits(deps.store, deps.limits, turn.userId) : null;
  const accepted = await acceptTurn(deps.store, turn, {
    ...deps,
    maxRepliesPerUser: limits ? (limits.repliesAtOnce ?? Number.MAX_SAFE_INTEGER) : deps.maxRepliesPerUser,
  });
  try {
    if (limits) await admitReply(deps.store, limits, turn.userId);
    return accepted;
  } catch (error) {
    await accepted.release();
    throw error;
  }
}

/** Accepts and prepares a turn, or throws ApiError when it is refused (nothing changed then). */
export async function startTurn(deps: TurnDeps, input: TurnInput): Promise<StartedTurn> {
  const { request, userId } = input;
  const accepted = await acceptWithinLimits(deps, { turnId: request.turnId, userId, conversationId: request.conversationId });
  try {
    const prepared = await prepareTurn(deps, input);
    const reply = await startReply(
      deps.store,
      { userId, conversationId: prepared.conversationId, turnId: request.turnId, model: prepared.settings.model },
      deps.leaseMs ?? TURN_LEASE_MS,
    );
    const firstMessage = prepared.created && request.trigger === "submit" ? request.text : null;
    const plan: ReplyPlan = {
      userId,
      turnId: request.turnId,
      requestId: input.requestId,
      settings: prepared.settings,
      prompt: prepared.prompt,
      cut: prepared.cut,
      conversation: { id: prepared.conversationId, firstMessage, reply, replaced: prepared.replaced },
    };
    return { plan, accepted };
  } catch (error) {
    await accepted.release();
    throw error;
  }
}
