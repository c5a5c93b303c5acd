import { describe, expect, it } from "vitest";
import { canSeeImages } from "./vision";

describe("which models see images", () => {
  it("knows OpenAI's vision families, dated or routed", () => {
    for (const model of ["gpt-4o", "gpt-4o-mini", "gpt-4.1-nano", "gpt-5", "gpt-5-mini", "o1", "o3", "o4-mini", "gpt-4-turbo-2024-04-09", "openai/gpt-4o", "GPT-4O"]) {
      expect(canSeeImages(model), model).toBe(true);
    }
  });

  it("refuses text-only models and variants", () => {
    for (const model of ["gpt-3.5-turbo", "gpt-4", "o1-mini", "o3-mini", "gpt-4o-audio-preview", "gpt-4o-realtime-preview", "llama3", "qwen2.5"]) {
      expect(canSeeImages(model), model).toBe(false);
    }
  });

  it("adds the operator's prefixes (VISION_MODELS)", () => {
    expect(canSeeImages("llava:13b", ["llava"])).toBe(true);
    expect(canSeeImages("ollama/qwen2.5-vl", ["qwen2.5-vl"])).toBe(true);
    expect(canSeeImages("llama3", ["llava"])).toBe(false);
  });
});
