import type { ContextWindowConfig } from "@/lib/config";
import type { PromptMessage } from "./stream";
import { loadTokenCounter, maxTokensOf } from "./tokens";

/**
 * Context-window fitting: the system prompt and the newest message always go;
 * earlier history is added newest first while it fits, leaving room for the
 * reply. Tokens are counted with OpenAI's o200k_base encoding; models with
 * other tokenizers (gpt-4, gpt-3.5, Llama, Qwen, Mistral… on compatible
 * servers) are counted with it too, plus a safety margin.
 */

/** Known windows, by model family (tokens, prompt and reply together). */
const KNOWN_WINDOWS: [RegExp, number][] = [
  [/^gpt-4\.1/, 1_000_000],
  [/^gpt-5/, 272_000],
  [/^o[134](-|$)/, 200_000],
  [/^gpt-4o|^gpt-4\.5|^gpt-4-turbo|^gpt-4-\d{4}-preview|^chatgpt-4o|^gpt-oss/, 128_000],
  [/^gpt-4-32k/, 32_768],
  [/^gpt-4(-|$)/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
];
/** For models nothing is known about; CONTEXT_WINDOW overrides it. */
export const DEFAULT_CONTEXT_WINDOW = 8_192;

/** Families whose tokenizer is o200k_base, counted exactly. */
const O200K = /^gpt-4o|^gpt-4\.1|^gpt-4\.5|^gpt-5|^o[134](-|$)|^chatgpt-4o|^gpt-oss/;
/** Other tokenizers can need more tokens for the same text (especially outside English). */
const FOREIGN_TOKENIZER_MARGIN = 1.25;
/** Each message costs a few tokens of framing (role, separators); the reply is primed with 3. */
const PER_MESSAGE = 4;
const REPLY_PRIMING = 3;
const DEFAULT_REPLY_RESERVE = 1_024;
/**
 * What one image costs: OpenAI's high-detail price for an image of at most
 * 2,048 px (scaled to 768 px on the short side: 4 tiles × 170 + 85).
 */
export const IMAGE_TOKENS = 765;

/** "openai/gpt-4o" (OpenRouter) → "gpt-4o". */
function family(model: string): string {
  const name = model.trim().toLowerCase();
  return name.slice(name.lastIndexOf("/") + 1);
}

/** The model's window: an operator override (longest prefix wins), a known family, else the default. */
export function contextWindowFor(model: string, config?: ContextWindowConfig): number {
  const full = model.trim().toLowerCase();
  const name = family(model);
  const override = (config?.byModel ?? [])
    .filter(({ prefix }) => full.startsWith(prefix) || name.startsWith(prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (override) return override.tokens;
  return KNOWN_WINDOWS.find(([pattern]) => pattern.test(name))?.[1] ?? config?.default ?? DEFAULT_CONTEXT_WINDOW;
}

/** How much to add to an o200k count for this model's own tokenizer (1 when it is o200k). */
export function tokenMargin(model: string): number {
  return O200K.test(family(model)) ? 1 : FOREIGN_TOKENIZER_MARGIN;
}

/** Room kept for the reply: what the person allows, else a default, never more than half the window. */
export function replyReserve(window: number, maxTokens: number | null): number {
  return Math.min(maxTokens ?? Math.max(DEFAULT_REPLY_RESERVE, Math.min(4_096, Math.floor(window / 16))), Math.floor(window / 2));
}

export interface BuiltPrompt {
  messages: PromptMessage[];
  /** How many earlier messages did not fit. */
  omitted: number;
  /** The prompt's size as counted (with the margin for other tokenizers). */
  tokens: number;
  /** The window it was fitted to, and the room left for the reply. */
  window: number;
  reserve: number;
}

export async function buildPrompt(input: {
  model: string;
  systemPrompt: string;
  /** Oldest first; the last is the new message. */
  history: readonly { role: "user" | "assistant"; content: string; images?: readonly string[] }[];
  maxTokens: number | null;
  contextWindows?: ContextWindowConfig;
}): Promise<BuiltPrompt> {
  // Failed replies with no text carry nothing the model should see.
  const usable = input.history.filter((m) => m.content.trim() !== "" || m.images?.length);
  const window = contextWindowFor(input.model, input.contextWindows);
  const reserve = replyReserve(window, input.maxTokens);
  const budget = window - reserve;
  const system: PromptMessage[] = input.systemPrompt.trim() ? [{ role: "system", content: input.systemPrompt }] : [];
  const candidates: PromptMessage[] = usable.map((m) =>
    m.images?.length ? { role: m.role, content: m.content, images: m.images } : { role: m.role, content: m.content },
  );
  const margin = tokenMargin(input.model);

  // Most conversations are far below the window: bytes bound tokens from
  // above, so then nothing needs the tokenizer at all.
  const bound = (messages: PromptMessage[], measure: (text: string) => number) =>
    Math.ceil(messages.reduce((sum, m) => sum + measure(m.content) + imageTokens(m) + PER_MESSAGE, REPLY_PRIMING) * margin);
  const everything = [...system, ...candidates];
  const upper = bound(everything, maxTokensOf);
  if (upper <= budget) {
    return { messages: everything, omitted: 0, tokens: upper, window, reserve };
  }

  const count = await loadTokenCounter();
  const cost = (m: PromptMessage) => Math.ceil((count(m.content) + imageTokens(m) + PER_MESSAGE) * margin);
  let used = Math.ceil(REPLY_PRIMING * margin) + system.reduce((sum, m) => sum + cost(m), 0);
  const kept: PromptMessage[] = [];
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = cost(candidates[i]);
    // The newest message always goes, even if alone it is over budget (the
    // provider then says the conversation is too long).
    if (kept.length > 0 && used + c > budget) break;
    used += c;
    kept.push(candidates[i]);
  }
  kept.reverse();
  return { messages: [...system, ...kept], omitted: candidates.length - kept.length, tokens: used, window, reserve };
}

const imageTokens = (m: PromptMessage) => (m.images?.length ?? 0) * IMAGE_TOKENS;
