import { describe, expect, it } from "vitest";
import { calendarDay, dateGroupKey, groupByDate, monthLabel } from "./date-groups";

const at = (iso: string) => new Date(iso);

describe("dateGroupKey", () => {
  it("splits at local midnight, not 24 hours back", () => {
    const now = at("2026-11-22T00:10:00Z");
    expect(dateGroupKey(at("2026-11-22T00:00:00Z"), now, "UTC")).toEqual({ kind: "today" });
    expect(dateGroupKey(at("2026-11-21T23:59:59Z"), now, "UTC")).toEqual({ kind: "yesterday" });
    expect(dateGroupKey(at("2026-11-21T00:00:00Z"), now, "UTC")).toEqual({ kind: "yesterday" });
    expect(dateGroupKey(at("2026-11-20T23:59:59Z"), now, "UTC")).toEqual({ kind: "previous7" });
  });

  it("uses the calendar of the given time zone", () => {
    // 2026-11-21T23:30Z is already Nov 22 in Shanghai (UTC+8), still Nov 21 in New York.
    const now = at("2026-11-22T02:00:00Z");
    const late = at("2026-11-21T23:30:00Z");
    expect(dateGroupKey(late, now, "Asia/Shanghai")).toEqual({ kind: "today" });
    expect(dateGroupKey(late, now, "UTC")).toEqual({ kind: "yesterday" });
    // In New York `now` is Nov 21 21:00 and `late` Nov 21 18:30: same day.
    expect(dateGroupKey(late, now, "America/New_York")).toEqual({ kind: "today" });
    expect(dateGroupKey(at("2026-11-21T04:00:00Z"), now, "America/New_York")).toEqual({ kind: "yesterday" });
  });

  it("counts days across a daylight saving change as calendar days", () => {
    // Europe/Berlin leaves summer time on 2026-10-25; that day is 25 hours long.
    const now = at("2026-10-26T10:00:00Z");
    expect(dateGroupKey(at("2026-10-25T00:30:00+02:00"), now, "Europe/Berlin")).toEqual({ kind: "yesterday" });
    expect(dateGroupKey(at("2026-10-24T23:30:00+02:00"), now, "Europe/Berlin")).toEqual({ kind: "previous7" });
  });

  it("puts 2–7 days back in previous 7 days and 8–30 in previous 30", () => {
    const now = at("2026-11-22T12:00:00Z");
    expect(dateGroupKey(at("2026-11-20T12:00:00Z"), now, "UTC")).toEqual({ kind: "previous7" });
    expect(dateGroupKey(at("2026-11-15T00:00:00Z"), now, "UTC")).toEqual({ kind: "previous7" });
    expect(dateGroupKey(at("2026-11-14T23:59:59Z"), now, "UTC")).toEqual({ kind: "previous30" });
    expect(dateGroupKey(at("2026-10-23T00:00:00Z"), now, "UTC")).toEqual({ kind: "previous30" });
    expect(dateGroupKey(at("2026-10-22T23:59:59Z"), now, "UTC")).toEqual({ kind: "month", year: 2026, month: 10 });
  });

  it("groups older conversations by their month, across a year change", () => {
    const now = at("2027-01-15T12:00:00Z");
    expect(dateGroupKey(at("2026-12-01T00:00:00Z"), now, "UTC")).toEqual({ kind: "month", year: 2026, month: 12 });
    expect(dateGroupKey(at("2025-02-28T00:00:00Z"), now, "UTC")).toEqual({ kind: "month", year: 2025, month: 2 });
    // The month is the local one: Oct 31 23:30 in New York is Nov 1 in UTC.
    expect(dateGroupKey(at("2026-11-01T03:30:00Z"), now, "America/New_York")).toEqual({ kind: "month", year: 2026, month: 10 });
    expect(dateGroupKey(at("2026-11-01T03:30:00Z"), now, "UTC")).toEqual({ kind: "month", year: 2026, month: 11 });
  });

  it("treats a moment slightly in the future as today", () => {
    const now = at("2026-11-22T23:59:00Z");
    expect(dateGroupKey(at("2026-11-23T00:01:00Z"), now, "UTC")).toEqual({ kind: "today" });
  });
});

describe("groupByDate", () => {
  const now = at("2026-11-22T09:00:00Z");
  const item = (id: string, updatedAt: string) => ({ id, updatedAt });

  it("keeps the order and makes one group per period", () => {
    const items = [
      item("a", "2026-11-22T08:00:00Z"),
      item("b", "2026-11-22T01:00:00Z"),
      item("c", "2026-11-21T20:00:00Z"),
      item("d", "2026-11-18T20:00:00Z"),
      item("e", "2026-11-01T20:00:00Z"),
      item("f", "2026-10-02T20:00:00Z"),
      item("g", "2026-09-30T20:00:00Z"),
      item("h", "2025-09-30T20:00:00Z"),
    ];
    const groups = groupByDate(items, (i) => i.updatedAt, now, "UTC");
    expect(groups.map((g) => [g.id, g.items.map((i) => i.id).join("")])).toEqual([
      ["today", "ab"],
      ["yesterday", "c"],
      ["previous7", "d"],
      ["previous30", "e"],
      ["2026-10", "f"],
      ["2026-09", "g"],
      ["2025-09", "h"],
    ]);
  });

  it("joins an out-of-order item to its existing group and skips invalid dates", () => {
    const items = [item("a", "2026-11-22T08:00:00Z"), item("b", "2026-11-21T08:00:00Z"), item("c", "2026-11-22T07:00:00Z"), item("x", "nope")];
    const groups = groupByDate(items, (i) => i.updatedAt, now, "UTC");
    expect(groups.map((g) => [g.id, g.items.map((i) => i.id).join("")])).toEqual([
      ["today", "ac"],
      ["yesterday", "b"],
    ]);
  });

  it("is empty for no items", () => {
    expect(groupByDate([], () => new Date(), now)).toEqual([]);
  });
});

describe("calendarDay and monthLabel", () => {
  it("reads the day in a zone", () => {
    expect(calendarDay(at("2026-12-31T20:00:00Z"), "Asia/Tokyo")).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it("names months in the page's language", () => {
    expect(monthLabel(2026, 10, "en")).toBe("October 2026");
    expect(monthLabel(2026, 10, "zh-CN")).toBe("2026年10月");
    expect(monthLabel(2026, 1, "en")).toBe("January 2026");
  });
});
