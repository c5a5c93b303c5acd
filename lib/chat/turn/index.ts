import "server-only";
import type { AppConfig, ContextWindowConfig, ProviderConfig } from "@/lib/config";
import type { ProviderClient } from "@/lib/llm/client";
import { isModelOffered } from "@/lib/llm/models";
import type { BlobStore } from "@/lib/blobs/types";
import type { Store } from "@/lib/store/types";
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
  /** Where attachments live; needed only by messages that carry files. */
  blobs?: BlobStore;
  /** VISION_MODELS: prefixes of models that take images besides the known ones. */
  visionModels?: readonly string[];
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
  };
}

/**
 * Runs a turn: answers its reply's stream once the person's message is
 * stored, or throws ApiError when the turn is refused (nothing changed then).
 */
export async function runTurn(deps: TurnDeps, input: TurnInput): Promise<ReadableStream<ChatChunk>> {
  const { request, userId } = input;
  const accepted = acceptTurn(deps.store, { turnId: request.turnId, userId, conversationId: request.conversationId }, deps);
  try {
    const prepared = await prepareTurn(deps, input);
    return streamTurn(deps, input, prepared, accepted);
  } catch (error) {
    accepted.release();
    throw error;
  }
}
