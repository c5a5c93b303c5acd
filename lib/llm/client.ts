import OpenAI, { AzureOpenAI } from "openai";
import type { ProviderConfig } from "@/lib/config";

/** A client for the configured provider (OpenAI's SDK speaks to all three kinds). */
export type ProviderClient = OpenAI;

/**
 * The provider client. Retries are off: a person waiting on a reply is better
 * served by a clear message and a Retry button than by a silent back-off that
 * looks like a hang.
 */
export function createProviderClient(config: ProviderConfig, timeoutMs: number): ProviderClient {
  if (config.kind === "azure") {
    // The request's `model` is the deployment name: the SDK puts it into the
    // path (/openai/deployments/<model>/chat/completions?api-version=…).
    // baseURL is given explicitly (rather than `endpoint`) so that an
    // OPENAI_BASE_URL left in the environment cannot clash with it.
    return new AzureOpenAI({
      baseURL: `${config.endpoint.replace(/\/+$/, "")}/openai`,
      apiKey: config.apiKey,
      apiVersion: config.apiVersion,
      maxRetries: 0,
      timeout: timeoutMs,
    });
  }
  return new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: timeoutMs });
}

/** OpenAI itself, as opposed to Azure or a compatible server at another address. */
export function isOpenAIProper(config: ProviderConfig): boolean {
  return config.kind === "openai" && !config.baseURL;
}

/**
 * OpenAI and Azure want max_completion_tokens (newer models reject
 * max_tokens); compatible servers such as Ollama and vLLM know max_tokens.
 */
export function maxTokensField(config: ProviderConfig): "max_tokens" | "max_completion_tokens" {
  return config.kind === "openai" && config.baseURL ? "max_tokens" : "max_completion_tokens";
}
