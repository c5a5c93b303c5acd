import type { ProviderConfig } from "@/lib/config";
import { GENERATED_TITLE_CHARS } from "@/lib/chat/limits";
import { describeForLog } from "@/lib/log";
import { providerCapabilities } from "./api-style";
import { isOpenAIProper, maxTokensField, type ProviderClient } from "./client";

/**
 * Generated conversation titles: one short, cheap, non-streaming model call
 * per new conversation, made alongside the first reply. A failure or a slow
 * answer keeps the provisional title (the first words of the message).
 */

/** The instruction that opens every title request (test servers recognise title requests by it). */
export const TITLE_INSTRUCTIONS =
  "Name this conversation. Answer with a title of two to six words that says what the person's message is about, " +
  "in the same language as the message. No quotes, no final full stop, nothing else.";

/** A title that takes longer than this is not worth waiting for. */
export const TITLE_TIMEOUT_MS = 5_000;

/** TITLE_MODEL when set; gpt-4o-mini on OpenAI itself; else the conversation's own model (or Azure deployment). */
export function titleModelFor(provider: ProviderConfig, conversationModel: string, configured: string | undefined): string {
  if (configured) return configured;
  return isOpenAIProper(provider) ? "gpt-4o-mini" : conversationModel;
}

/** One line, no wrapping quotes, "Title:" or final full stop, at most GENERATED_TITLE_CHARS characters; null if nothing is left. */
export function cleanTitle(raw: string): string | null {
  // Reasoning models on compatible servers may think aloud first.
  const withoutThinking = raw.replace(/<think>[\s\S]*?<\/think>/gi, "");
  const line = withoutThinking
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  if (!line) return null;
  let title = line
    .replace(/^(\*\*|#+\s*)/, "")
    .replace(/\*\*$/, "")
    .replace(/^(title|标题)\s*[:：]\s*/i, "")
    .trim();
  for (let previous = ""; previous !== title; ) {
    previous = title;
    title = title.replace(/^["'“”‘’«»「」『』`]+|["'“”‘’«»「」『』`]+$/g, "").replace(/[.。]+$/, "").trim();
  }
  title = title.replace(/\s+/g, " ");
  if (!title) return null;
  if (title.length > GENERATED_TITLE_CHARS) {
    const cut = title.slice(0, GENERATED_TITLE_CHARS - 1);
    const space = cut.lastIndexOf(" ");
    title = (space > GENERATED_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
  }
  return title;
}

/**
 * Asks the model for a title. Resolves with null (never rejects) when the
 * call fails, times out or answers with nothing usable.
 */
export async function generateTitle(
  client: ProviderClient,
  provider: ProviderConfig,
  input: { model: string; text: string },
  options: { timeoutMs?: number } = {},
): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? TITLE_TIMEOUT_MS);
  const capabilities = providerCapabilities(provider, input.model);
  // A reasoning model thinks before it answers: as little as it may, with room for that.
  const effort = capabilities.reasoningEfforts[0];
  try {
    const completion = await client.chat.completions.create(
      {
        model: input.model,
        messages: [
          { role: capabilities.instructionsRole, content: TITLE_INSTRUCTIONS },
          // The opening of a long message says enough about it.
          { role: "user", content: input.text.slice(0, 2_000) },
        ],
        [maxTokensField(provider, capabilities)]: capabilities.reasoning ? 1_000 : 40,
        ...(effort ? { reasoning_effort: effort } : {}),
        stream: false,
      },
      { signal: controller.signal, maxRetries: 0 },
    );
    const content = completion.choices?.[0]?.message?.content;
    return typeof content === "string" ? cleanTitle(content) : null;
  } catch (error) {
    if (!controller.signal.aborted) console.warn("Could not generate a title:", describeForLog(error).split("\n")[0]);
    return null;
  } finally {
    clearTimeout(timer);
  }
}
