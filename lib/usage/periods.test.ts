import { describe, expect, it } from "vitest";

import { daysBetween, monthDays, nextUtcDay, nextUtcHour, previousMonth, timeUntil, utcDay, utcHour, utcMonth } from "./periods";

describe("UTC periods", () => {
  it("puts an instant in its UTC day, hour and month, whatever the local offset said", () => {
    // 23:30 on the 31st in New York is already the 1st in UTC.
    const at = new Date("2026-12-31T23:30:00-05:00");
    expect(utcDay(at)).toBe("2027-01-01");
    expect(utcHour(at)).toBe("2027-01-01T04");
    expect(utcMonth(at)).toBe("2027-01");
    // 08:00 on the 1st in Tokyo is still the previous day in UTC.
    expect(utcDay(new Date("2026-03-01T08:00:00+09:00"))).toBe("2026-02-28");
  });

  it("resets a day at the next 00:00 UTC and an hour at the next full UTC hour", () => {
    const at = new Date("2026-11-29T17:42:10.500Z");
    expect(nextUtcDay(at).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(nextUtcHour(at).toISOString()).toBe("2026-11-29T18:00:00.000Z");
    expect(timeUntil(at, nextUtcDay(at))).toEqual({ hours: 6, minutes: 18 });
    expect(timeUntil(at, nextUtcHour(at))).toEqual({ hours: 0, minutes: 18 });
    // Across a month, a year and a leap day.
    expect(nextUtcDay(new Date("2028-02-28T12:00:00Z")).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(nextUtcDay(new Date("2026-12-31T23:59:59.999Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(nextUtcHour(new Date("2026-12-31T23:00:00.000Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("never says a reset is less than a minute away, and is exact on the boundary", () => {
    const at = new Date("2026-11-29T23:59:59.990Z");
    expect(timeUntil(at, nextUtcDay(at))).toEqual({ hours: 0, minutes: 1 });
    const midnight = new Date("2026-11-30T00:00:00.000Z");
    expect(utcDay(midnight)).toBe("2026-11-30");
    expect(timeUntil(midnight, nextUtcDay(midnight))).toEqual({ hours: 24, minutes: 0 });
  });

  it("knows the days of a month and the month before", () => {
    expect(monthDays("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
    expect(monthDays("2026-02")).toEqual({ first: "2026-02-01", last: "2026-02-28" });
    expect(monthDays("2026-12")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-03")).toBe("2026-02");
    expect(() => monthDays("2026-13")).toThrow(RangeError);
    expect(daysBetween("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(daysBetween("2026-01-02", "2026-01-01")).toEqual([]);
  });
});
