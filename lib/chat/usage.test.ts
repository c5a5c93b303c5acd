import { describe, expect, it } from "vitest";
import { totalUsage } from "./usage";

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
