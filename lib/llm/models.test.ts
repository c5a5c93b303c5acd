import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { parseModelList, type ProviderConfig } from "@/lib/config";
import { clearModelCache, isModelOffered, listModelChoices, narrowModels } from "./models";

describe("narrowModels", () => {
  it("offers the default first, then what the provider lists", () => {
    expect(narrowModels(["a", "b", "gpt-4o-mini"], { defaultModel: "gpt-4o-mini", allowedModels: null })).toEqual(["gpt-4o-mini", "a", "b"]);
  });

  it("keeps only allowed models the provider lists", () => {
    expect(narrowModels(["a", "b", "c"], { defaultModel: "d", allowedModels: ["c", "a", "x"] })).toEqual(["d", "a", "c"]);
  });

  it("offers the configured names when nothing could be listed", () => {
    expect(narrowModels(null, { defaultModel: "d", allowedModels: ["c", "d"] })).toEqual(["d", "c"]);
    expect(narrowModels(null, { defaultModel: "d", allowedModels: null })).toEqual(["d"]);
  });

  it("reads ALLOWED_MODELS as a trimmed list without repeats", () => {
    expect(parseModelList(" a, b ,,a ")).toEqual(["a", "b"]);
    expect(parseModelList(" , ")).toBeNull();
    expect(parseModelList(undefined)).toBeNull();
  });

  it("lets only offered models be chosen when ALLOWED_MODELS is set", () => {
    expect(isModelOffered({ defaultModel: "d", allowedModels: null }, "anything")).toBe(true);
    expect(isModelOffered({ defaultModel: "d", allowedModels: ["a"] }, "d")).toBe(true);
    expect(isModelOffered({ defaultModel: "d", allowedModels: ["a"] }, "b")).toBe(false);
  });
});

describe("listModelChoices", () => {
  let fake: FakeOpenAI;
  let provider: ProviderConfig;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ models: ["gpt-4o", "fake-small", "text-embedding-3-small"] });
    provider = { kind: "openai", apiKey: "sk-test", baseURL: fake.url };
  });
  afterAll(() => fake.close());
  beforeEach(() => clearModelCache());

  it("asks the provider and narrows its answer", async () => {
    const choices = await listModelChoices({ provider, defaultModel: "gpt-4o-mini", allowedModels: ["gpt-4o", "fake-small", "unlisted"] });
    expect(choices).toEqual({ models: ["gpt-4o-mini", "gpt-4o", "fake-small"], defaultModel: "gpt-4o-mini", listed: true });
  });

  it("reuses the list for a few minutes, then asks again", async () => {
    let now = 1_000;
    let calls = 0;
    const deps = {
      now: () => now,
      createClient: (config: ProviderConfig, timeout: number) => {
        calls++;
        return new OpenAI({ apiKey: "k", baseURL: (config as { baseURL: string }).baseURL, timeout, maxRetries: 0 });
      },
    };
    const config = { provider, defaultModel: "d", allowedModels: null };
    await listModelChoices(config, deps);
    now += 60_000;
    await listModelChoices(config, deps);
    expect(calls).toBe(1);
    now += 5 * 60_000;
    await listModelChoices(config, deps);
    expect(calls).toBe(2);
  });

  it("never fails: an unreachable provider offers the configured names", async () => {
    const down: ProviderConfig = { kind: "openai", apiKey: "k", baseURL: "http://127.0.0.1:9/v1" };
    const choices = await listModelChoices({ provider: down, defaultModel: "d", allowedModels: ["a"] });
    expect(choices).toEqual({ models: ["d", "a"], defaultModel: "d", listed: false });
  });

  it("uses Azure deployments when they are configured", async () => {
    const azure = { kind: "azure", endpoint: fake.origin, apiKey: "k", apiVersion: "2024-10-21", deployments: ["prod-4o", "prod-mini"] } as ProviderConfig;
    expect(await listModelChoices({ provider: azure, defaultModel: "prod-mini", allowedModels: null })).toEqual({
      models: ["prod-mini", "prod-4o"],
      defaultModel: "prod-mini",
      listed: true,
    });
  });

  it("without a provider offers the default", async () => {
    expect(await listModelChoices({ provider: null, defaultModel: "d", allowedModels: null })).toEqual({ models: ["d"], defaultModel: "d", listed: false });
  });
});
