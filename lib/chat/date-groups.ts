/**
 * Groups a conversation list by how long ago each one was active, the way the
 * sidebar shows it: Today, Yesterday, Previous 7 days, Previous 30 days, then
 * one group per calendar month. Days are calendar days in a time zone (the
 * browser's unless one is given), so "Yesterday" flips at local midnight, not
 * 24 hours after the last message. Pure: `now` is a parameter.
 */

export type DateGroupKey =
  | { kind: "today" }
  | { kind: "yesterday" }
  | { kind: "previous7" }
  | { kind: "previous30" }
  /** month is 1–12 */
  | { kind: "month"; year: number; month: number };

export interface DateGroup<T> {
  /** Stable id for React keys: "today", "yesterday", "previous7", "previous30", "2026-10". */
  id: string;
  key: DateGroupKey;
  items: T[];
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? "";
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", calendar: "gregory", numberingSystem: "latn" });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/** The calendar day a moment falls on in a time zone (undefined: the runtime's own). */
export function calendarDay(date: Date, timeZone?: string): CalendarDay {
  const parts = formatterFor(timeZone).formatToParts(date);
  const pick = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: pick("year"), month: pick("month"), day: pick("day") };
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
function daysBetween(from: CalendarDay, to: CalendarDay): number {
  const ms = Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / 86_400_000);
}

export function dateGroupKey(updatedAt: Date, now: Date, timeZone?: string): DateGroupKey {
  const day = calendarDay(updatedAt, timeZone);
  const age = daysBetween(day, calendarDay(now, timeZone));
  // A clock slightly ahead on another device still counts as today.
  if (age <= 0) return { kind: "today" };
  if (age === 1) return { kind: "yesterday" };
  if (age <= 7) return { kind: "previous7" };
  if (age <= 30) return { kind: "previous30" };
  return { kind: "month", year: day.year, month: day.month };
}

function groupId(key: DateGroupKey): string {
  return key.kind === "month" ? `${key.year}-${String(key.month).padStart(2, "0")}` : key.kind;
}

/**
 * Splits items (newest first, as the store lists them) into consecutive
 * groups. Items keep their order; an item whose date is out of order (a clock
 * skew) joins the group it belongs to rather than opening a duplicate.
 */
export function groupByDate<T>(
  items: readonly T[],
  updatedAt: (item: T) => Date | string,
  now: Date,
  timeZone?: string,
): DateGroup<T>[] {
  const groups: DateGroup<T>[] = [];
  const byId = new Map<string, DateGroup<T>>();
  for (const item of items) {
    const raw = updatedAt(item);
    const date = raw instanceof Date ? raw : new Date(raw);
    if (Number.isNaN(date.getTime())) continue;
    const key = dateGroupKey(date, now, timeZone);
    const id = groupId(key);
    let group = byId.get(id);
    if (!group) {
      group = { id, key, items: [] };
      byId.set(id, group);
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/** "October 2026", "2026年10月": a month heading in the page's language. */
export function monthLabel(year: number, month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
