import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "./index";

/** The fake's Responses API stream is complete enough for the SDK's own stream helper. */

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

describe("the fake Responses API", () => {
  it("streams the full event sequence: the SDK's helper assembles the final response with summary, text and usage", async () => {
    fake.script("full-sequence", { reasoning: ["Think ", "first."], chunks: ["Then ", "answer."], reasoningTokens: 7 });
    const client = new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0 });
    const stream = client.responses.stream({ model: "gpt-5", input: [{ role: "user", content: "full-sequence" }], reasoning: { effort: "low", summary: "auto" } });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(final.output_text).toBe("Then answer.");
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(7);
    expect(types.slice(0, 4)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.reasoning_summary_part.added"]);
    expect(types.indexOf("response.content_part.added")).toBeLessThan(types.indexOf("response.output_text.delta"));
    expect(types.at(-1)).toBe("response.completed");
    const [request] = fake.requests();
    expect(request).toMatchObject({ path: "/v1/responses", api: "responses", body: { reasoning: { effort: "low", summary: "auto" } } });
  });
});
