import { describe, expect, it } from "vitest";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { priceTable } from "./prices";
import { usageCsv, usageReport } from "./report";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "alice", "bob");

describe("the usage report", () => {
  it("adds up a month from the rollups: per day, per model (unpriced ones marked) and per person, most tokens first", async () => {
    const base = { promptTokens: 100, completionTokens: 50, costNanoUsd: 45_000 };
    await store.recordUsage({ ...base, userId: users.alice.id, model: "gpt-4o-mini", day: "2030-02-01" });
    await store.recordUsage({ ...base, userId: users.bob.id, model: "gpt-4o-mini", day: "2030-02-01" });
    await store.recordUsage({ ...base, userId: users.bob.id, model: "llama3", day: "2030-02-28", costNanoUsd: 0 });
    await store.recordUsage({ ...base, userId: users.bob.id, model: "gpt-4o-mini", day: "2030-03-01" });

    const report = await usageReport(store, "2030-02", priceTable());
    expect(report.totals).toEqual({ promptTokens: 300, completionTokens: 150, totalTokens: 450, replies: 3, costNanoUsd: 90_000 });
    expect(report.days).toHaveLength(28);
    expect(report.days[0]).toEqual({ day: "2030-02-01", promptTokens: 200, completionTokens: 100, totalTokens: 300, replies: 2, costNanoUsd: 90_000 });
    expect(report.days[1]).toMatchObject({ day: "2030-02-02", totalTokens: 0 });
    expect(report.models.map((m) => [m.model, m.totalTokens, m.priced])).toEqual([
      ["gpt-4o-mini", 300, true],
      ["llama3", 150, false],
    ]);
    expect(report.people.map((p) => [p.email, p.totalTokens])).toEqual([
      ["bob@example.com", 300],
      ["alice@example.com", 150],
    ]);
  });

  it("writes CSV with one section per table, quoting and defusing what a spreadsheet would run", () => {
    const row = { promptTokens: 1, completionTokens: 2, totalTokens: 3, replies: 1, costNanoUsd: 1_500 };
    const csv = usageCsv({
      month: "2030-02",
      totals: row,
      days: [{ day: "2030-02-01", ...row }],
      models: [{ model: "llama3", priced: false, ...row }],
      people: [
        { userId: "u1", email: "a@example.com", name: "=HYPERLINK(\"x\")", ...row },
        { userId: "u2", email: null, name: null, ...row },
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "section,key,name,prompt_tokens,completion_tokens,total_tokens,replies,estimated_cost_usd",
      "total,2030-02,,1,2,3,1,0.000002",
      "day,2030-02-01,,1,2,3,1,0.000002",
      "model,llama3,,1,2,3,1,",
      `person,a@example.com,"'=HYPERLINK(""x"")",1,2,3,1,0.000002`,
      "person,u2,,1,2,3,1,0.000002",
      "",
    ]);
  });
});
