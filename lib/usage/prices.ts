/**
 * Estimated cost of a reply from a price table: US dollars per million input
 * (prompt) and output (completion) tokens, matched by the longest model-name
 * prefix, so dated snapshots ("gpt-4o-2024-08-06") take their family's price.
 * Built-in prices are OpenAI's list prices (standard tier); MODEL_PRICES adds
 * to or replaces them. A model with no price has no estimated cost.
 */

export interface ModelPrice {
  /** Lower-case model-name prefix. */
  prefix: string;
  /** USD per 1M prompt tokens. */
  input: number;
  /** USD per 1M completion tokens. */
  output: number;
}

export const BUILT_IN_PRICES: readonly ModelPrice[] = [
  { prefix: "gpt-5", input: 1.25, output: 10 },
  { prefix: "gpt-5-mini", input: 0.25, output: 2 },
  { prefix: "gpt-5-nano", input: 0.05, output: 0.4 },
  { prefix: "gpt-4.1", input: 2, output: 8 },
  { prefix: "gpt-4.1-mini", input: 0.4, output: 1.6 },
  { prefix: "gpt-4.1-nano", input: 0.1, output: 0.4 },
  { prefix: "gpt-4o", input: 2.5, output: 10 },
  { prefix: "gpt-4o-mini", input: 0.15, output: 0.6 },
  { prefix: "gpt-4-turbo", input: 10, output: 30 },
  { prefix: "gpt-4", input: 30, output: 60 },
  { prefix: "gpt-3.5-turbo", input: 0.5, output: 1.5 },
  { prefix: "o1", input: 15, output: 60 },
  { prefix: "o1-mini", input: 1.1, output: 4.4 },
  { prefix: "o3", input: 2, output: 8 },
  { prefix: "o3-mini", input: 1.1, output: 4.4 },
  { prefix: "o4-mini", input: 1.1, output: 4.4 },
];

/** The built-in table with `overrides` replacing same-prefix entries and adding new ones. */
export function priceTable(overrides: readonly ModelPrice[] = []): ModelPrice[] {
  const byPrefix = new Map(BUILT_IN_PRICES.map((price) => [price.prefix, price]));
  for (const price of overrides) byPrefix.set(price.prefix.toLowerCase(), { ...price, prefix: price.prefix.toLowerCase() });
  return [...byPrefix.values()];
}

/** The price of the longest prefix of `model` in the table, or null. */
export function priceOf(table: readonly ModelPrice[], model: string): ModelPrice | null {
  const name = model.toLowerCase();
  let best: ModelPrice | null = null;
  for (const price of table) {
    if (name.startsWith(price.prefix) && (!best || price.prefix.length > best.prefix.length)) best = price;
  }
  return best;
}

/** Billionths of a dollar (integers add up exactly); 0 for a model without a price. */
export function costNanoUsd(price: ModelPrice | null, usage: { promptTokens: number; completionTokens: number }): number {
  if (!price) return 0;
  // USD per 1M tokens = 1,000 nano-USD per token.
  return Math.round(usage.promptTokens * price.input * 1_000 + usage.completionTokens * price.output * 1_000);
}

/**
 * MODEL_PRICES: a JSON object of model prefix → { "input": USD per 1M,
 * "output": USD per 1M }. Throws with a readable reason otherwise.
 */
export function parseModelPrices(value: string | undefined): ModelPrice[] {
  if (!value) return [];
  const invalid = (why: string) =>
    new Error(`Invalid configuration:\n  MODEL_PRICES: ${why}, e.g. {"llama3": {"input": 0, "output": 0}, "gpt-4o": {"input": 2.5, "output": 10}}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid("not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid("must be a JSON object");
  return Object.entries(parsed).map(([prefix, entry]) => {
    const { input, output } = (entry ?? {}) as { input?: unknown; output?: unknown };
    const valid = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 100_000;
    if (!prefix.trim() || !valid(input) || !valid(output)) {
      throw invalid(`"${prefix}" needs "input" and "output" in USD per 1M tokens (0 to 100000)`);
    }
    return { prefix: prefix.trim().toLowerCase(), input, output };
  });
}

/** Nano-USD as dollars. */
export const toUsd = (nano: number): number => nano / 1e9;
