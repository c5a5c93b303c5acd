import { describe, expect, it } from "vitest";

import { BUILT_IN_PRICES, costNanoUsd, parseModelPrices, priceOf, priceTable, toUsd } from "./prices";

describe("price table", () => {
  const table = priceTable();

  it("matches the longest prefix, so snapshots and smaller siblings get their own price", () => {
    expect(priceOf(table, "gpt-4o")).toMatchObject({ input: 2.5, output: 10 });
    expect(priceOf(table, "gpt-4o-2024-08-06")).toMatchObject({ prefix: "gpt-4o" });
    expect(priceOf(table, "gpt-4o-mini")).toMatchObject({ input: 0.15, output: 0.6 });
    expect(priceOf(table, "GPT-4o-Mini-2024-07-18")).toMatchObject({ prefix: "gpt-4o-mini" });
    expect(priceOf(table, "gpt-4.1-nano")).toMatchObject({ prefix: "gpt-4.1-nano" });
    expect(priceOf(table, "o3-mini")).toMatchObject({ prefix: "o3-mini" });
    expect(priceOf(table, "o1-preview")).toMatchObject({ prefix: "o1" });
  });

  it("knows no price for other models", () => {
    expect(priceOf(table, "llama3.1:8b")).toBeNull();
    expect(priceOf(table, "my-azure-deployment")).toBeNull();
  });

  it("estimates cost in billionths of a dollar, exactly for whole-cent prices", () => {
    const mini = priceOf(table, "gpt-4o-mini");
    // 1,000 prompt tokens at $0.15/1M + 500 completion tokens at $0.60/1M = $0.00045
    expect(costNanoUsd(mini, { promptTokens: 1_000, completionTokens: 500 })).toBe(450_000);
    expect(toUsd(costNanoUsd(mini, { promptTokens: 1_000_000, completionTokens: 1_000_000 }))).toBeCloseTo(0.75, 12);
    expect(costNanoUsd(null, { promptTokens: 1_000, completionTokens: 500 })).toBe(0);
  });

  it("lets MODEL_PRICES replace a built-in price and add new models", () => {
    const custom = priceTable(parseModelPrices('{"gpt-4o": {"input": 1, "output": 2}, "Llama3": {"input": 0, "output": 0.1}}'));
    expect(priceOf(custom, "gpt-4o-2024-11-20")).toEqual({ prefix: "gpt-4o", input: 1, output: 2 });
    expect(priceOf(custom, "llama3:70b")).toEqual({ prefix: "llama3", input: 0, output: 0.1 });
    expect(priceOf(custom, "gpt-4o-mini")).toMatchObject({ input: 0.15 });
    expect(custom).toHaveLength(BUILT_IN_PRICES.length + 1);
  });

  it("refuses MODEL_PRICES that are not prices, saying how to write them", () => {
    expect(parseModelPrices(undefined)).toEqual([]);
    expect(() => parseModelPrices("gpt-4o=1")).toThrow(/MODEL_PRICES: not valid JSON/);
    expect(() => parseModelPrices("[1]")).toThrow(/must be a JSON object/);
    expect(() => parseModelPrices('{"x": {"input": -1, "output": 1}}')).toThrow(/"x" needs "input" and "output"/);
    expect(() => parseModelPrices('{"x": {"input": 1}}')).toThrow(/e\.g\./);
  });
});
