import { describe, expect, it } from "vitest";
import type { ProviderConfig } from "@/lib/config";
import { apiStyleOf } from "./api-style";
import { capabilitiesFor, familyOf, parseCapabilityOverrides } from "./capabilities";
import { buildCompletionBody, buildResponsesBody, type ReplyRequest } from "./request-body";

/**
 * The exact body each model family is sent for one person's settings: every
 * field chosen (temperature 0.4, top P 0.9, penalties, 300 max tokens, effort
 * high, verbosity low) and a system prompt.
 */

const openai: ProviderConfig = { kind: "openai", apiKey: "k", baseURL: undefined };
const compatible: ProviderConfig = { kind: "openai", apiKey: "k", baseURL: "http://localhost:11434/v1" };
const messages = [
  { role: "system" as const, content: "Be brief." },
  { role: "user" as const, content: "Hi" },
];
const chosen = (model: string): ReplyRequest => ({
  model,
  messages,
  temperature: 0.4,
  topP: 0.9,
  presencePenalty: 0.5,
  frequencyPenalty: -0.5,
  maxTokens: 300,
  reasoningEffort: "high",
  verbosity: "low",
});
const developer = [{ role: "developer", content: "Be brief." }, messages[1]];

describe("the model families", () => {
  it.each([
    ["gpt-4o", "chat"],
    ["gpt-4o-mini", "chat"],
    ["gpt-4.1-nano", "chat"],
    ["gpt-5-chat-latest", "chat"],
    ["o1", "o"],
    ["o3-mini", "o"],
    ["o4-mini-2025-04-16", "o"],
    ["gpt-5", "gpt-5"],
    ["gpt-5-mini", "gpt-5"],
    ["openai/gpt-5-nano", "gpt-5"],
    ["gpt-5.1", "gpt-5.1"],
    ["gpt-5.2", "gpt-5.2"],
    ["gpt-5.4-mini", "gpt-5.2"],
    ["gpt-oss:20b", "gpt-oss"],
    ["openai/gpt-oss-120b", "gpt-oss"],
    ["deepseek-r1:14b", "open-reasoning"],
    ["deepseek-reasoner", "open-reasoning"],
    ["Qwen/Qwen3-32B", "open-reasoning"],
    ["qwq", "open-reasoning"],
    ["llama3.1:8b", "chat"],
  ])("%s is %s", (model, family) => {
    expect(familyOf(model)).toBe(family);
  });
});

describe("the Responses API body (OpenAI)", () => {
  it("gpt-4o: every sampling field, the system role, max_output_tokens; no penalties (the API has none), no effort", () => {
    expect(buildResponsesBody(openai, chosen("gpt-4o"))).toEqual({
      model: "gpt-4o",
      input: messages,
      temperature: 0.4,
      top_p: 0.9,
      max_output_tokens: 300,
      store: false,
      stream: true,
    });
  });

  it("o3: no sampling, the developer role, the effort and a reasoning summary", () => {
    expect(buildResponsesBody(openai, chosen("o3"))).toEqual({
      model: "o3",
      input: developer,
      max_output_tokens: 300,
      reasoning: { effort: "high", summary: "auto" },
      store: false,
      stream: true,
    });
  });

  it("gpt-5: the effort, the verbosity, no sampling", () => {
    expect(buildResponsesBody(openai, { ...chosen("gpt-5"), reasoningEffort: "minimal" })).toEqual({
      model: "gpt-5",
      input: developer,
      max_output_tokens: 300,
      reasoning: { effort: "minimal", summary: "auto" },
      text: { verbosity: "low" },
      store: false,
      stream: true,
    });
  });

  it("gpt-5.1: an effort it does not offer (minimal) is left to the provider", () => {
    expect(buildResponsesBody(openai, { ...chosen("gpt-5.1"), reasoningEffort: "minimal", maxTokens: null })).toEqual({
      model: "gpt-5.1",
      input: developer,
      reasoning: { summary: "auto" },
      text: { verbosity: "low" },
      store: false,
      stream: true,
    });
    expect(buildResponsesBody(openai, { ...chosen("gpt-5.1"), reasoningEffort: "none" }).reasoning).toEqual({ effort: "none", summary: "auto" });
  });

  it("gpt-5.2: xhigh, and nothing for unset effort and verbosity", () => {
    expect(buildResponsesBody(openai, { ...chosen("gpt-5.2"), reasoningEffort: "xhigh" }).reasoning).toEqual({ effort: "xhigh", summary: "auto" });
    expect(buildResponsesBody(openai, { ...chosen("gpt-5.2"), reasoningEffort: null, verbosity: null, maxTokens: null })).toEqual({
      model: "gpt-5.2",
      input: developer,
      reasoning: { summary: "auto" },
      store: false,
      stream: true,
    });
  });
});

describe("the Chat Completions body", () => {
  it("gpt-4o on a compatible server: every field as before, max_tokens, no effort", () => {
    expect(buildCompletionBody(compatible, chosen("gpt-4o"))).toEqual({
      model: "gpt-4o",
      messages,
      temperature: 0.4,
      top_p: 0.9,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      max_tokens: 300,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("o4-mini behind a compatible proxy: reasoning_effort, the developer role, never temperature or max_tokens", () => {
    expect(buildCompletionBody(compatible, chosen("o4-mini"))).toEqual({
      model: "o4-mini",
      messages: developer,
      max_completion_tokens: 300,
      reasoning_effort: "high",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("gpt-5 on Azure's deployment URLs: reasoning_effort and verbosity", () => {
    const azure: ProviderConfig = { kind: "azure", endpoint: "https://x.openai.azure.com", apiKey: "a", apiVersion: "2025-04-01-preview", deployments: [] };
    expect(apiStyleOf(azure)).toBe("chat");
    expect(buildCompletionBody(azure, chosen("gpt-5-mini"))).toEqual({
      model: "gpt-5-mini",
      messages: developer,
      max_completion_tokens: 300,
      reasoning_effort: "high",
      verbosity: "low",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("gpt-oss on Ollama: sampling, penalties and the effort", () => {
    expect(buildCompletionBody(compatible, chosen("gpt-oss:20b"))).toEqual({
      model: "gpt-oss:20b",
      messages,
      temperature: 0.4,
      top_p: 0.9,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      max_tokens: 300,
      reasoning_effort: "high",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("DeepSeek-R1 and Qwen3: sampling as usual, no effort or verbosity", () => {
    for (const model of ["deepseek-r1:14b", "Qwen/Qwen3-32B"]) {
      expect(buildCompletionBody(compatible, chosen(model))).toEqual({
        model,
        messages,
        temperature: 0.4,
        top_p: 0.9,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        max_tokens: 300,
        stream: true,
        stream_options: { include_usage: true },
      });
    }
  });
});

describe("the API style", () => {
  it("is the Responses API for OpenAI and Azure's v1 API, Chat Completions for compatible servers, unless told", () => {
    expect(apiStyleOf(openai)).toBe("responses");
    expect(apiStyleOf(compatible)).toBe("chat");
    expect(apiStyleOf({ ...compatible, apiStyle: "responses" })).toBe("responses");
    expect(apiStyleOf({ ...openai, apiStyle: "chat" })).toBe("chat");
    expect(apiStyleOf({ kind: "azure", endpoint: "https://x", apiKey: "a", apiVersion: "v1", deployments: [] })).toBe("responses");
    expect(apiStyleOf({ kind: "azure", endpoint: "https://x", apiKey: "a", apiVersion: "2024-10-21", deployments: [] })).toBe("chat");
  });
});

describe("MODEL_CAPABILITIES", () => {
  it("describes a model as a known family, or a family with changes; the longest prefix wins", () => {
    const overrides = parseCapabilityOverrides(
      JSON.stringify({ "my-": "gpt-5", "my-thinker": { like: "open-reasoning", reasoningEfforts: ["high", "low"], penalties: false } }),
    );
    expect(capabilitiesFor("my-gpt5-deployment", overrides)).toMatchObject({ sampling: false, instructionsRole: "developer", verbosity: true });
    expect(capabilitiesFor("my-thinker-7b", overrides)).toMatchObject({ sampling: true, penalties: false, reasoningEfforts: ["low", "high"] });
    const config: ProviderConfig = { ...compatible, capabilityOverrides: overrides };
    expect(buildCompletionBody(config, chosen("my-thinker-7b"))).toEqual({
      model: "my-thinker-7b",
      messages,
      temperature: 0.4,
      top_p: 0.9,
      max_tokens: 300,
      reasoning_effort: "high",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("refuses what it cannot read, naming the entry", () => {
    expect(() => parseCapabilityOverrides("gpt-5")).toThrow(/MODEL_CAPABILITIES: not JSON/);
    expect(() => parseCapabilityOverrides('{"x": "gpt-9"}')).toThrow(/"x": "gpt-9" is not one of chat, o, gpt-5/);
    expect(() => parseCapabilityOverrides('{"x": {"reasoningEfforts": ["max"]}}')).toThrow(/"x": "reasoningEfforts" must be a list of none/);
    expect(() => parseCapabilityOverrides('{"x": {"temp": false}}')).toThrow(/unknown field "temp"/);
  });
});
