/**
 * Contract cases for limits and usage: the admin's limits, the per-hour reply
 * counter and the usage rollups, including parallel requests, which must
 * count exactly as if they had run one after another.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Store, UsageEntry, User } from "../types";

const PARALLEL = 20;

export function limitsUsageContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({ email: `limits-${randomUUID()}@example.com`, name: "Limited", passwordHash: "x", role: "user" });

  const entry = (userId: string, overrides: Partial<UsageEntry> = {}): UsageEntry => ({
    userId,
    model: "gpt-4o-mini",
    day: "2026-03-14",
    promptTokens: 100,
    completionTokens: 20,
    costNanoUsd: 27_000,
    ...overrides,
  });

  describe("limits", () => {
    it("keeps the admin's default limits, with fields left out and explicit no-limits apart", async () => {
      await store().saveDefaultLimits({ tokensPerDay: 5_000, repliesPerHour: null });
      expect(await store().getDefaultLimits()).toEqual({ tokensPerDay: 5_000, repliesPerHour: null });
      await store().saveDefaultLimits({ tokensPerDay: null, repliesPerHour: 10, repliesAtOnce: 2 });
      expect(await store().getDefaultLimits()).toEqual({ tokensPerDay: null, repliesPerHour: 10, repliesAtOnce: 2 });
    });

    it("keeps a person's own limits, lists them, and removes them", async () => {
      const user = await makeUser();
      const other = await makeUser();
      expect(await store().getPersonLimits(user.id)).toBeNull();
      expect(await store().getPersonLimits("not-a-uuid")).toBeNull();

      await store().savePersonLimits(user.id, { tokensPerDay: 1_000 });
      await store().savePersonLimits(other.id, { repliesAtOnce: null, repliesPerHour: 4 });
      expect(await store().getPersonLimits(user.id)).toEqual({ tokensPerDay: 1_000 });
      await store().savePersonLimits(user.id, { repliesPerHour: 7 });
      expect(await store().getPersonLimits(user.id)).toEqual({ repliesPerHour: 7 });

      const listed = await store().listPersonLimits();
      expect(listed.find((p) => p.userId === user.id)).toEqual({ userId: user.id, limits: { repliesPerHour: 7 }, updatedAt: expect.any(Date) });
      expect(listed.find((p) => p.userId === other.id)?.limits).toEqual({ repliesAtOnce: null, repliesPerHour: 4 });

      await store().savePersonLimits(user.id, null);
      await store().savePersonLimits(other.id, {});
      expect(await store().getPersonLimits(user.id)).toBeNull();
      expect(await store().getPersonLimits(other.id)).toBeNull();
      const after = await store().listPersonLimits();
      expect(after.some((p) => p.userId === user.id || p.userId === other.id)).toBe(false);
    });
  });

  describe("replies per hour", () => {
    it("counts replies in an hour up to the limit, then refuses without counting", async () => {
      const user = await makeUser();
      const hour = "2026-03-14T09";
      expect(await store().countHourlyReplies(user.id, hour)).toBe(0);
      expect(await store().takeHourlyReply(user.id, hour, 2)).toBe(1);
      expect(await store().takeHourlyReply(user.id, hour, 2)).toBe(2);
      expect(await store().takeHourlyReply(user.id, hour, 2)).toBeNull();
      expect(await store().countHourlyReplies(user.id, hour)).toBe(2);
      // A higher limit (an admin raised it) admits more in the same hour.
      expect(await store().takeHourlyReply(user.id, hour, 3)).toBe(3);
      // No limit still counts, so the person can see their use.
      expect(await store().takeHourlyReply(user.id, hour, null)).toBe(4);
      expect(await store().takeHourlyReply(user.id, hour, 0)).toBeNull();
    });

    it("starts again at the next hour", async () => {
      const user = await makeUser();
      await store().takeHourlyReply(user.id, "2026-03-14T09", 1);
      expect(await store().takeHourlyReply(user.id, "2026-03-14T09", 1)).toBeNull();
      expect(await store().takeHourlyReply(user.id, "2026-03-14T10", 1)).toBe(1);
      expect(await store().countHourlyReplies(user.id, "2026-03-14T10")).toBe(1);
      expect(await store().countHourlyReplies(user.id, "2026-03-14T09")).toBe(0);
    });

    it("admits exactly the limit of many parallel replies", async () => {
      const user = await makeUser();
      const hour = "2026-03-14T11";
      const limit = 7;
      const results = await Promise.all(Array.from({ length: PARALLEL }, () => store().takeHourlyReply(user.id, hour, limit)));
      const admitted = results.filter((count): count is number => count !== null);
      expect(admitted.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await store().countHourlyReplies(user.id, hour)).toBe(limit);
    });

    it("keeps people apart", async () => {
      const a = await makeUser();
      const b = await makeUser();
      const hour = "2026-03-14T12";
      expect(await store().takeHourlyReply(a.id, hour, 1)).toBe(1);
      expect(await store().takeHourlyReply(b.id, hour, 1)).toBe(1);
      expect(await store().takeHourlyReply(a.id, hour, 1)).toBeNull();
    });
  });

  describe("usage rollups", () => {
    it("adds each reply to its person's day, the person's month and the model's day", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const model = `model-${randomUUID()}`;
      const month = "2031-05";
      await store().recordUsage(entry(user.id, { model, day: "2031-05-01" }));
      await store().recordUsage(entry(user.id, { model, day: "2031-05-01", promptTokens: 1, completionTokens: 2, costNanoUsd: 3 }));
      await store().recordUsage(entry(user.id, { model: "other", day: "2031-05-31", costNanoUsd: 0 }));
      await store().recordUsage(entry(other.id, { model, day: "2031-05-02" }));
      // Outside the month and the periods asked for.
      await store().recordUsage(entry(user.id, { model, day: "2031-04-30" }));
      await store().recordUsage(entry(user.id, { model, day: "2031-06-01" }));

      expect(await store().getPersonUsage(user.id, "2031-05-01", "2031-05-31")).toEqual([
        { day: "2031-05-01", promptTokens: 101, completionTokens: 22, replies: 2, costNanoUsd: 27_003 },
        { day: "2031-05-31", promptTokens: 100, completionTokens: 20, replies: 1, costNanoUsd: 0 },
      ]);
      expect(await store().getPersonUsage(other.id, "2031-05-03", "2031-05-31")).toEqual([]);

      const byPerson = await store().getUsageByPerson(month);
      expect(byPerson.find((p) => p.userId === user.id)).toEqual({
        userId: user.id,
        promptTokens: 201,
        completionTokens: 42,
        replies: 3,
        costNanoUsd: 27_003,
      });
      expect(byPerson.find((p) => p.userId === other.id)).toMatchObject({ replies: 1, promptTokens: 100 });

      const models = (await store().getModelUsage("2031-04-30", "2031-05-31")).filter((m) => m.model === model);
      expect(models).toEqual([
        { day: "2031-04-30", model, promptTokens: 100, completionTokens: 20, replies: 1, costNanoUsd: 27_000 },
        { day: "2031-05-01", model, promptTokens: 101, completionTokens: 22, replies: 2, costNanoUsd: 27_003 },
        { day: "2031-05-02", model, promptTokens: 100, completionTokens: 20, replies: 1, costNanoUsd: 27_000 },
      ]);
      const all = await store().getModelUsage("2031-05-31", "2031-05-31");
      expect(all).toEqual([{ day: "2031-05-31", model: "other", promptTokens: 100, completionTokens: 20, replies: 1, costNanoUsd: 0 }]);
    });

    it("loses nothing when many replies are recorded at once", async () => {
      const user = await makeUser();
      const model = `parallel-${randomUUID()}`;
      await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          store().recordUsage(entry(user.id, { model, day: "2032-01-15", promptTokens: i + 1, completionTokens: 1, costNanoUsd: 10 })),
        ),
      );
      const sum = (PARALLEL * (PARALLEL + 1)) / 2;
      expect(await store().getPersonUsage(user.id, "2032-01-15", "2032-01-15")).toEqual([
        { day: "2032-01-15", promptTokens: sum, completionTokens: PARALLEL, replies: PARALLEL, costNanoUsd: 10 * PARALLEL },
      ]);
      expect((await store().getModelUsage("2032-01-15", "2032-01-15")).find((m) => m.model === model)).toMatchObject({
        promptTokens: sum,
        replies: PARALLEL,
      });
      expect((await store().getUsageByPerson("2032-01")).find((p) => p.userId === user.id)).toMatchObject({
        promptTokens: sum,
        replies: PARALLEL,
      });
    });

    it("answers nothing for a period without usage", async () => {
      expect(await store().getModelUsage("1999-01-01", "1999-03-31")).toEqual([]);
      expect(await store().getUsageByPerson("1999-02")).toEqual([]);
      expect(await store().getPersonUsage("not-a-uuid", "1999-01-01", "1999-01-31")).toEqual([]);
    });
  });
}
