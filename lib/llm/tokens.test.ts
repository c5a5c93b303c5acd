import { describe, expect, it } from "vitest";
import { countInPieces, loadTokenCounter, maxTokensOf } from "./tokens";

describe("token counting", () => {
  it("counts like OpenAI's o200k_base", async () => {
    const count = await loadTokenCounter();
    expect(count("hello world")).toBe(2);
    expect(count("")).toBe(0);
  });

  it("counts long unbroken text in pieces, quickly and never under the true count", async () => {
    const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
    const count = await loadTokenCounter();
    const prose = "The quick brown fox jumps over the lazy dog. ".repeat(500);
    expect(count(prose)).toBeGreaterThanOrEqual(countTokens(prose));
    expect(count(prose)).toBeLessThanOrEqual(countTokens(prose) * 1.05);
    // A single 200,000-character run takes minutes in one piece (the test would time out).
    expect(count("x".repeat(200_000))).toBeGreaterThanOrEqual(25_000);
    expect(countInPieces(countTokens, "ab😀".repeat(600))).toBeGreaterThanOrEqual(countTokens("ab😀".repeat(600)));
  });

  it("bounds tokens by UTF-8 bytes", () => {
    expect(maxTokensOf("héllo")).toBe(6);
  });
});
