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
    ).toEqual({ promptTokens: 30, completionTokens: 12, totalTokens: 42, reasoningTokens: 0, replies: 2 });
    expect(totalUsage([]).totalTokens).toBe(0);
  });

  it("counts reasoning tokens apart, within what was received", () => {
    expect(
      totalUsage([
        { usage: { promptTokens: 10, completionTokens: 50, reasoningTokens: 40 } },
        { metadata: { usage: { promptTokens: 20, completionTokens: 7 } } },
        { metadata: { usage: { promptTokens: 5, completionTokens: 30, reasoningTokens: 25 } } },
      ]),
    ).toEqual({ promptTokens: 35, completionTokens: 87, totalTokens: 122, reasoningTokens: 65, replies: 3 });
  });
});
