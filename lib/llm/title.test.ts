import { describe, expect, it } from "vitest";
import { cleanTitle, titleModelFor } from "./title";

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
