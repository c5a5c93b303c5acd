import type { ProviderConfig } from "@/lib/config";
import { providerCapabilities } from "./api-style";
import type { ModelCapabilities, ReasoningEffort, Verbosity } from "./capabilities";
import { maxTokensField } from "./client";

/**
 * The exact bodies sent to the provider, for Chat Completions and for the
 * Responses API. The model's capabilities decide which of the person's
 * settings go: a field the model refuses is left out, never sent.
 */

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
  /** Images the message shows the model (data: URLs), after its text. */
  images?: readonly string[];
}

/** The model parameters a person chooses; null/undefined leaves one to the provider. */
export interface ModelParameters {
  /** The model, or on Azure the deployment name. */
  model: string;
  temperature: number | null;
  topP?: number | null;
  presencePenalty?: number | null;
  frequencyPenalty?: number | null;
  maxTokens: number | null;
  reasoningEffort?: ReasoningEffort | null;
  verbosity?: Verbosity | null;
}

export interface ReplyRequest extends ModelParameters {
  messages: PromptMessage[];
}

/**
 * The sampling fields the model accepts. Temperature goes whenever set; top_p
 * and the penalties go when set to something other than the API's own
 * default (1, 0, 0) — leaving a default out has the same effect, and servers
 * that refuse these fields keep working for people who never touch them.
 */
function sampling(parameters: ModelParameters, capabilities: ModelCapabilities) {
  const fields: { temperature?: number; top_p?: number; presence_penalty?: number; frequency_penalty?: number } = {};
  if (capabilities.sampling) {
    if (parameters.temperature != null) fields.temperature = parameters.temperature;
    if (parameters.topP != null && parameters.topP !== 1) fields.top_p = parameters.topP;
  }
  if (capabilities.penalties) {
    if (parameters.presencePenalty != null && parameters.presencePenalty !== 0) fields.presence_penalty = parameters.presencePenalty;
    if (parameters.frequencyPenalty != null && parameters.frequencyPenalty !== 0) fields.frequency_penalty = parameters.frequencyPenalty;
  }
  return fields;
}

/** The chosen effort when this model offers it; otherwise the provider's default (nothing sent). */
function effortFor(parameters: ModelParameters, capabilities: ModelCapabilities): ReasoningEffort | null {
  const effort = parameters.reasoningEffort ?? null;
  return effort && capabilities.reasoningEfforts.includes(effort) ? effort : null;
}

function verbosityFor(parameters: ModelParameters, capabilities: ModelCapabilities): Verbosity | null {
  return capabilities.verbosity ? (parameters.verbosity ?? null) : null;
}

/** The system prompt goes in the role the model expects. */
function roleOf(message: PromptMessage, capabilities: ModelCapabilities) {
  return message.role === "system" ? capabilities.instructionsRole : message.role;
}

/** A message as Chat Completions takes it: plain text, or text and image parts. */
function chatMessages(messages: PromptMessage[], capabilities: ModelCapabilities) {
  return messages.map((m) =>
    m.images?.length && m.role === "user"
      ? {
          role: m.role,
          content: [{ type: "text" as const, text: m.content }, ...m.images.map((url) => ({ type: "image_url" as const, image_url: { url } }))],
        }
      : { role: roleOf(m, capabilities), content: m.content },
  );
}

/** A message as the Responses API takes it: plain text, or input text and image parts. */
function responsesInput(messages: PromptMessage[], capabilities: ModelCapabilities) {
  return messages.map((m) =>
    m.images?.length && m.role === "user"
      ? {
          role: m.role,
          content: [
            { type: "input_text" as const, text: m.content },
            ...m.images.map((url) => ({ type: "input_image" as const, image_url: url, detail: "auto" as const })),
          ],
        }
      : { role: roleOf(m, capabilities), content: m.content },
  );
}

/** The body sent to /chat/completions. */
export function buildCompletionBody(config: ProviderConfig, request: ReplyRequest) {
  const capabilities = providerCapabilities(config, request.model);
  const effort = effortFor(request, capabilities);
  const verbosity = verbosityFor(request, capabilities);
  return {
    model: request.model,
    messages: chatMessages(request.messages, capabilities),
    ...sampling(request, capabilities),
    ...(request.maxTokens != null ? { [maxTokensField(config, capabilities)]: request.maxTokens } : {}),
    ...(effort ? { reasoning_effort: effort } : {}),
    ...(verbosity ? { verbosity } : {}),
    stream: true as const,
    stream_options: { include_usage: true },
  };
}

/** The body sent to /responses. */
export function buildResponsesBody(config: ProviderConfig, request: ReplyRequest) {
  const capabilities = providerCapabilities(config, request.model);
  const effort = effortFor(request, capabilities);
  const verbosity = verbosityFor(request, capabilities);
  // OpenAI's reasoning models share a summary of their reasoning only when asked.
  const reasoning: { effort?: ReasoningEffort; summary?: "auto" } | null =
    capabilities.openaiReasoning ? { ...(effort ? { effort } : {}), summary: "auto" } : effort ? { effort } : null;
  return {
    model: request.model,
    input: responsesInput(request.messages, capabilities),
    ...sampling(request, capabilities),
    ...(request.maxTokens != null ? { max_output_tokens: request.maxTokens } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(verbosity ? { text: { verbosity } } : {}),
    // The conversation lives in Parley; nothing is left stored at the provider.
    store: false,
    stream: true as const,
  };
}
