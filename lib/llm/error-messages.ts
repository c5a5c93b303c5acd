import type { ErrorKind } from "@/lib/store/types";

/** Wording only (no SDK imports), so the browser bundle can use it too. */

export const NOT_CONFIGURED_MESSAGE =
  "No model provider is configured. Set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama) and restart Parley.";

/** Human wording for a stored error kind, for replies that failed earlier. */
export function describeErrorKind(kind: ErrorKind | null, model?: string | null): string {
  switch (kind) {
    case "not_configured":
      return NOT_CONFIGURED_MESSAGE;
    case "auth":
      return "The model provider rejected Parley's API key. Check OPENAI_API_KEY (or AZURE_OPENAI_API_KEY for Azure).";
    case "model_not_found":
      return model
        ? `The model "${model}" is not available from the provider. Choose another model in Settings.`
        : "The selected model is not available from the provider. Choose another model in Settings.";
    case "rate_limit":
      return "The model provider is rate limiting requests. Wait a moment and try again.";
    case "quota":
      return "The model provider's quota for this API key is used up. Check the account's plan and billing.";
    case "content_filter":
      return "The provider's content filter blocked this request or reply.";
    case "context_length":
      return "The conversation is too long for this model. Start a new chat or choose a model with a larger context.";
    case "bad_request":
      return "The model provider refused the request. Check the model settings.";
    case "timeout":
      return "The model provider took too long to answer. Try again.";
    case "network":
      return "Parley could not reach the model provider. Check the network or OPENAI_BASE_URL.";
    case "interrupted":
      return "The connection to the model provider broke off before the reply was finished.";
    case "provider":
    default:
      return "The model provider had a problem answering. Try again in a moment.";
  }
}
