import type OpenAI from "openai";
import type { AppConfig, ProviderConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { getLogger } from "@/lib/log";
import { createProviderClient } from "./client";

/**
 * The models a person can choose in Settings: what the provider lists
 * (GET /v1/models), narrowed by ALLOWED_MODELS, with DEFAULT_MODEL always
 * offered. Listing never fails the Settings dialog: when the provider cannot
 * be asked, the configured names are offered and `listed` says so.
 */

export interface ModelChoices {
  models: string[];
  defaultModel: string;
  /** False when the provider's list could not be loaded (only configured names are offered). */
  listed: boolean;
}

/** How long a successful list is reused; a failed one is retried sooner. */
export const LIST_TTL_MS = 5 * 60_000;
export const FAILURE_TTL_MS = 30_000;
const LIST_TIMEOUT_MS = 10_000;

type ModelsConfig = Pick<AppConfig, "provider" | "defaultModel" | "allowedModels">;

/** The offered names, pure: default first, then the (allowed) listed models in the provider's order. */
export function narrowModels(listed: readonly string[] | null, config: Pick<ModelsConfig, "defaultModel" | "allowedModels">): string[] {
  const allowed = config.allowedModels;
  const offered = listed === null ? (allowed ?? []) : allowed ? listed.filter((name) => allowed.includes(name)) : listed;
  return [...new Set([config.defaultModel, ...offered])];
}

/**
 * Azure lists base models, not the deployment names requests use: its
 * choices come from the configured deployments (when the operator named them).
 */
function azureDeployments(provider: Extract<ProviderConfig, { kind: "azure" }>): string[] | null {
  return provider.deployments.length > 0 ? provider.deployments : null;
}

export interface ModelListDeps {
  createClient?: (config: ProviderConfig, timeoutMs: number) => OpenAI;
  now?: () => number;
}

interface CacheEntry {
  key: string;
  expires: number;
  value: Promise<ModelChoices>;
}

let cache: CacheEntry | null = null;

/** Forgets the cached list (tests). */
export function clearModelCache(): void {
  cache = null;
}

export async function listModelChoices(config: ModelsConfig, deps: ModelListDeps = {}): Promise<ModelChoices> {
  const now = deps.now ?? Date.now;
  const key = JSON.stringify([config.provider, config.defaultModel, config.allowedModels]);
  if (cache && cache.key === key && cache.expires > now()) return cache.value;
  const entry: CacheEntry = { key, expires: now() + LIST_TTL_MS, value: load(config, deps) };
  cache = entry;
  const result = await entry.value;
  // Ask again soon after a failure, instead of offering the short list for minutes.
  if (!result.listed && cache === entry) entry.expires = now() + FAILURE_TTL_MS;
  return result;
}

async function load(config: ModelsConfig, deps: ModelListDeps): Promise<ModelChoices> {
  const answer = (listed: string[] | null): ModelChoices => ({
    models: narrowModels(listed, config),
    defaultModel: config.defaultModel,
    listed: listed !== null,
  });
  const provider = config.provider;
  if (!provider) return answer(null);
  if (provider.kind === "azure") return answer(azureDeployments(provider));
  try {
    const client = (deps.createClient ?? createProviderClient)(provider, LIST_TIMEOUT_MS);
    const names: string[] = [];
    for await (const model of client.models.list()) {
      if (typeof model.id === "string" && model.id !== "") names.push(model.id);
    }
    return answer(names);
  } catch (error) {
    getLogger().warn({ err: error }, "Could not list the provider's models");
    return answer(null);
  }
}

/** With ALLOWED_MODELS set, only the default and the allowed models may be chosen. */
export function isModelOffered(config: Pick<AppConfig, "defaultModel" | "allowedModels">, model: string): boolean {
  return config.allowedModels === null || model === config.defaultModel || config.allowedModels.includes(model);
}

/** Refuses a model the operator does not offer; `field` names it in the answer. */
export function requireOfferedModel(config: Pick<AppConfig, "defaultModel" | "allowedModels">, model: string, field: string): void {
  if (!isModelOffered(config, model)) throw new ApiError(400, "model_not_offered", { field });
}
