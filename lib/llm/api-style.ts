import type { ProviderConfig } from "@/lib/config";
import { capabilitiesFor, narrowForApi, type ApiStyle, type CapabilityInfo, type ModelCapabilities } from "./capabilities";

/**
 * Which OpenAI API a provider is asked through. OpenAI itself and Azure's v1
 * API speak the Responses API (reasoning summaries and reasoning-token usage
 * arrive only there); other compatible servers (Ollama, vLLM, OpenRouter…)
 * and Azure's dated deployment URLs speak Chat Completions.
 * OPENAI_API_STYLE overrides the choice for a deployment.
 */
export function apiStyleOf(config: ProviderConfig): ApiStyle {
  if (config.apiStyle) return config.apiStyle;
  if (config.kind === "azure") return isAzureV1(config) ? "responses" : "chat";
  return config.baseURL ? "chat" : "responses";
}

/** Azure's v1 API (OPENAI_API_VERSION=v1): OpenAI's own URLs under <endpoint>/openai/v1, no deployment paths. */
export function isAzureV1(config: ProviderConfig): boolean {
  return config.kind === "azure" && config.apiVersion.toLowerCase() === "v1";
}

/**
 * What a model accepts through this provider: its capabilities, narrowed by
 * the API (the Responses API has no presence or frequency penalty).
 */
export function providerCapabilities(config: ProviderConfig, model: string): ModelCapabilities {
  return narrowForApi(capabilitiesFor(model, config.capabilityOverrides), apiStyleOf(config));
}

/** The provider's API and the operator's model descriptions, for Settings in the browser. */
export function capabilityInfo(config: ProviderConfig | null): CapabilityInfo {
  return { apiStyle: config ? apiStyleOf(config) : "chat", capabilityOverrides: config?.capabilityOverrides ?? [] };
}
