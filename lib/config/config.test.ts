import { describe, expect, it } from "vitest";
import { contextWindowFor } from "@/lib/llm/context";
import { readConfig } from "./index";

describe("provider configuration", () => {
  it("reads OpenAI, a compatible server, and Azure with its deployments", () => {
    expect(readConfig({ OPENAI_API_KEY: "sk" }).provider).toEqual({ kind: "openai", apiKey: "sk", baseURL: undefined });
    expect(readConfig({ OPENAI_BASE_URL: "http://localhost:11434/v1" }).provider).toEqual({
      kind: "openai",
      apiKey: "not-needed",
      baseURL: "http://localhost:11434/v1",
    });
    expect(
      readConfig({
        AZURE_OPENAI_ENDPOINT: "https://example.openai.azure.com",
        AZURE_OPENAI_API_KEY: "az",
        OPENAI_API_VERSION: "2025-01-01-preview",
        AZURE_OPENAI_DEPLOYMENTS: " chat-4o, mini ,, chat-4o ",
      }).provider,
    ).toEqual({
      kind: "azure",
      endpoint: "https://example.openai.azure.com",
      apiKey: "az",
      apiVersion: "2025-01-01-preview",
      deployments: ["chat-4o", "mini"],
    });
    expect(readConfig({ AZURE_OPENAI_ENDPOINT: "https://x.openai.azure.com", AZURE_OPENAI_API_KEY: "az" }).provider).toMatchObject({
      apiVersion: "2024-10-21",
      deployments: [],
    });
    expect(readConfig({}).provider).toBeNull();
  });

  it("reads context windows and the title model", () => {
    const config = readConfig({ CONTEXT_WINDOW: "32768", MODEL_CONTEXT_WINDOWS: "llama3=8192, Qwen=32768,llama3.1=131072", TITLE_MODEL: "gpt-4.1-nano" });
    expect(config.contextWindows).toEqual({
      default: 32_768,
      byModel: [
        { prefix: "llama3", tokens: 8_192 },
        { prefix: "qwen", tokens: 32_768 },
        { prefix: "llama3.1", tokens: 131_072 },
      ],
    });
    expect(config.titleModel).toBe("gpt-4.1-nano");
    expect(readConfig({}).contextWindows).toEqual({ default: undefined, byModel: [] });
  });

  it("refuses malformed windows loudly", () => {
    expect(() => readConfig({ CONTEXT_WINDOW: "big" })).toThrow(/CONTEXT_WINDOW/);
    expect(() => readConfig({ CONTEXT_WINDOW: "100" })).toThrow(/at least 1024/);
    expect(() => readConfig({ MODEL_CONTEXT_WINDOWS: "llama3:8192" })).toThrow(/MODEL_CONTEXT_WINDOWS/);
    expect(() => readConfig({ MODEL_CONTEXT_WINDOWS: "=8192" })).toThrow(/MODEL_CONTEXT_WINDOWS/);
  });
});

describe("context windows", () => {
  const config = { default: 16_000, byModel: [{ prefix: "llama3", tokens: 8_192 }, { prefix: "llama3.1", tokens: 131_072 }] };

  it("knows OpenAI's families, ignores a vendor prefix, and lets the operator override", () => {
    expect(contextWindowFor("gpt-4o-mini")).toBe(128_000);
    expect(contextWindowFor("openai/gpt-4o")).toBe(128_000);
    expect(contextWindowFor("gpt-4.1-nano")).toBe(1_000_000);
    expect(contextWindowFor("o3-mini")).toBe(200_000);
    expect(contextWindowFor("gpt-4")).toBe(8_192);
    expect(contextWindowFor("gpt-3.5-turbo")).toBe(16_385);
    expect(contextWindowFor("mistral:7b")).toBe(8_192);
    expect(contextWindowFor("mistral:7b", config)).toBe(16_000);
    expect(contextWindowFor("llama3:8b", config)).toBe(8_192);
    expect(contextWindowFor("llama3.1:70b", config)).toBe(131_072);
    expect(contextWindowFor("gpt-4o", { default: undefined, byModel: [{ prefix: "gpt-4o", tokens: 64_000 }] })).toBe(64_000);
  });
});
