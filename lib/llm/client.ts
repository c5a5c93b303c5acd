import OpenAI, { AzureOpenAI } from "openai";
import type { ProviderConfig } from "@/lib/config";
import { isAzureV1 } from "./api-style";
import type { ModelCapabilities } from "./capabilities";

/** A client for the configured provider (OpenAI's SDK speaks to all three kinds). */
export type ProviderClient = OpenAI;

/**
 * The provider client. Retries are off: a person waiting on a reply is better
 * served by a clear message and a Retry button than by a silent back-off that
 * looks like a hang.
 */
export function createProviderClient(config: ProviderConfig, timeoutMs: number): ProviderClient {
  if (config.kind === "azure" && isAzureV1(config)) {
    // Azure's v1 API takes OpenAI's own paths and the model (deployment) in the body.
    return new OpenAI({
      baseURL: `${config.endpoint.replace(/\/+$/, "")}/openai/v1`,
      apiKey: config.apiKey,
      defaultHeaders: { "api-key": config.apiKey },
      maxRetries: 0,
      timeout: timeoutMs,
    });
  }
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
 * max_tokens); compatible servers such as Ollama and vLLM know max_tokens,
 * except when they pass an OpenAI reasoning model on (a proxy in front of
 * OpenAI), which refuses max_tokens wherever it is asked.
 */
export function maxTokensField(
  config: ProviderConfig,
  capabilities?: Pick<ModelCapabilities, "openaiReasoning">,
): "max_tokens" | "max_completion_tokens" {
  if (capabilities?.openaiReasoning) return "max_completion_tokens";
  return config.kind === "openai" && config.baseURL ? "max_tokens" : "max_completion_tokens";
}
