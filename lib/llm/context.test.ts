import { describe, expect, it } from "vitest";
import { contextWindowFor } from "./context";

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
