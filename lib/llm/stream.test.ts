import { describe, expect, it } from "vitest";
import type { ProviderConfig } from "@/lib/config";
import { buildCompletionBody } from "./stream";

describe("the completion body", () => {
  const provider: ProviderConfig = { kind: "openai", apiKey: "k", baseURL: "http://x/v1" };
  const base = { model: "m", messages: [], temperature: 1, maxTokens: null };

  it("carries top_p and the penalties when they are chosen", () => {
    expect(buildCompletionBody(provider, { ...base, topP: 0.5, presencePenalty: -1, frequencyPenalty: 1.5 })).toMatchObject({
      top_p: 0.5,
      presence_penalty: -1,
      frequency_penalty: 1.5,
    });
  });

  it("leaves them to the provider at their defaults", () => {
    const body = buildCompletionBody(provider, { ...base, topP: 1, presencePenalty: 0, frequencyPenalty: 0 });
    expect(body).not.toHaveProperty("top_p");
    expect(body).not.toHaveProperty("presence_penalty");
    expect(body).not.toHaveProperty("frequency_penalty");
  });
});
