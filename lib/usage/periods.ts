/**
 * Usage periods in UTC, the same for every server and every person: a day
 * rolls over at 00:00 UTC, an hour at the full UTC hour. Safe to import in
 * the browser (pure functions over dates and strings).
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** YYYY-MM-DD of the UTC day `at` falls in. */
export function utcDay(at: Date): string {
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** YYYY-MM-DDTHH of the UTC hour `at` falls in. */
export function utcHour(at: Date): string {
  return `${utcDay(at)}T${pad(at.getUTCHours())}`;
}

/** YYYY-MM of the UTC month `at` falls in. */
export function utcMonth(at: Date): string {
  return utcDay(at).slice(0, 7);
}

/** When the UTC day of `at` ends (the next 00:00 UTC). */
export function nextUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

/** When the UTC hour of `at` ends. */
export function nextUtcHour(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours() + 1));
}

/** Whole hours and the minutes left over from `at` until `until`, rounded up to the minute. */
export function timeUntil(at: Date, until: Date): { hours: number; minutes: number } {
  const minutes = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The first and last day (YYYY-MM-DD) of a month (YYYY-MM). */
export function monthDays(month: string): { first: string; last: string } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0));
  return { first: `${month}-01`, last: utcDay(last) };
}

/** The month before a month (YYYY-MM). */
export function previousMonth(month: string): string {
  const { first } = monthDays(month);
  return utcMonth(new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000));
}

/** Every day from `first` to `last` (YYYY-MM-DD, inclusive). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(utcDay(new Date(t)));
  }
  return days;
}
