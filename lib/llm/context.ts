import type { Message } from "@/lib/store/types";
import type { PromptMessage } from "./stream";

/**
 * Context-window fitting: the system prompt and the newest message always go;
 * earlier history is added newest first while it fits. Token counts are
 * estimated conservatively from characters.
 */

const CONTEXT_WINDOWS: [RegExp, number][] = [
  [/^gpt-4\.1|^gpt-5|^o[134]/, 128_000],
  [/^gpt-4o|^gpt-4-turbo|^chatgpt-4o/, 128_000],
  [/^gpt-4-32k/, 32_768],
  [/^gpt-4/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
];
const DEFAULT_CONTEXT_WINDOW = 8_192;
const DEFAULT_REPLY_RESERVE = 1_024;

export function contextWindowFor(model: string): number {
  const name = model.toLowerCase();
  return CONTEXT_WINDOWS.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

/** Overestimates on purpose (about 3 characters a token, plus framing). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3) + 4;
}

export interface BuiltPrompt {
  messages: PromptMessage[];
  /** How many earlier messages did not fit. */
  omitted: number;
}

export function buildPrompt(input: {
  model: string;
  systemPrompt: string;
  history: Message[];
  maxTokens: number | null;
  contextWindow?: number;
}): BuiltPrompt {
  // Failed replies with no text carry nothing the model should see.
  const usable = input.history.filter((m) => m.content.trim() !== "");
  const window = input.contextWindow ?? contextWindowFor(input.model);
  // Room for the reply: what the person allows, but never more than half the
  // window, so that some history always fits.
  const reserve = Math.min(input.maxTokens ?? DEFAULT_REPLY_RESERVE, Math.floor(window / 2));
  let budget = window - reserve;
  const system: PromptMessage[] = input.systemPrompt.trim()
    ? [{ role: "system", content: input.systemPrompt }]
    : [];
  for (const m of system) budget -= estimateTokens(m.content);

  const kept: PromptMessage[] = [];
  for (let i = usable.length - 1; i >= 0; i--) {
    const cost = estimateTokens(usable[i].content);
    // The newest message always goes, even if alone it is over budget.
    if (kept.length > 0 && cost > budget) break;
    budget -= cost;
    kept.push({ role: usable[i].role, content: usable[i].content });
  }
  kept.reverse();
  return { messages: [...system, ...kept], omitted: usable.length - kept.length };
}
