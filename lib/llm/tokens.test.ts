import { describe, expect, it } from "vitest";
import { cleanTitle, titleModelFor } from "@/lib/llm/title";
import { totalUsage } from "@/lib/chat/usage";
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

describe("titles", () => {
  it("cleans what a model answers into a short one-line title", () => {
    expect(cleanTitle('"Pasta for two."')).toBe("Pasta for two");
    expect(cleanTitle("Title: Trip to Kyoto\nMore text")).toBe("Trip to Kyoto");
    expect(cleanTitle("<think>hmm</think>\n**Tax questions**")).toBe("Tax questions");
    expect(cleanTitle("「意大利面做法」。")).toBe("意大利面做法");
    expect(cleanTitle("  \n ")).toBeNull();
    const long = cleanTitle("word ".repeat(40))!;
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith("…")).toBe(true);
  });

  it("uses TITLE_MODEL, else gpt-4o-mini on OpenAI itself, else the conversation's model", () => {
    const openai = { kind: "openai" as const, apiKey: "sk", baseURL: undefined };
    const ollama = { kind: "openai" as const, apiKey: "x", baseURL: "http://localhost:11434/v1" };
    const azure = { kind: "azure" as const, endpoint: "https://x", apiKey: "k", apiVersion: "v", deployments: [] };
    expect(titleModelFor(openai, "gpt-5", undefined)).toBe("gpt-4o-mini");
    expect(titleModelFor(ollama, "llama3", undefined)).toBe("llama3");
    expect(titleModelFor(azure, "chat-4o", undefined)).toBe("chat-4o");
    expect(titleModelFor(azure, "chat-4o", "mini")).toBe("mini");
  });
});

describe("usage", () => {
  it("adds a conversation's replies up", () => {
    expect(
      totalUsage([
        { usage: { promptTokens: 10, completionTokens: 5 } },
        { usage: null },
        { metadata: { usage: { promptTokens: 20, completionTokens: 7 } } },
        { metadata: {} },
      ]),
    ).toEqual({ promptTokens: 30, completionTokens: 12, totalTokens: 42, replies: 2 });
    expect(totalUsage([]).totalTokens).toBe(0);
  });
});
