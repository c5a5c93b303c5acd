import "server-only";
import type { PersonUsage, Store, UsageTotals } from "@/lib/store/types";
import { daysBetween, monthDays } from "./periods";
import { priceOf, type ModelPrice } from "./prices";

/**
 * The admin's usage report for one UTC month, from the rollups only: the
 * model-day rows of the month (a few per day) and each person's month total
 * (one per person), never the messages themselves.
 */

export interface UsageRow extends UsageTotals {
  totalTokens: number;
}

export interface UsageReport {
  month: string;
  totals: UsageRow;
  /** Every day of the month, oldest first (days without use are zero). */
  days: Array<UsageRow & { day: string }>;
  /** Most tokens first; `priced` is false for a model without a known price (its cost is unknown). */
  models: Array<UsageRow & { model: string; priced: boolean }>;
  /** Most tokens first; a removed account keeps its usage with no email. */
  people: Array<UsageRow & { userId: string; email: string | null; name: string | null }>;
}

const zero = (): UsageRow => ({ promptTokens: 0, completionTokens: 0, totalTokens: 0, replies: 0, costNanoUsd: 0 });

function add(into: UsageRow, usage: UsageTotals): void {
  into.promptTokens += usage.promptTokens;
  into.completionTokens += usage.completionTokens;
  into.totalTokens += usage.promptTokens + usage.completionTokens;
  into.replies += usage.replies;
  into.costNanoUsd += usage.costNanoUsd;
}

const byTokens = (a: UsageRow, b: UsageRow) => b.totalTokens - a.totalTokens;

export async function usageReport(store: Store, month: string, prices: readonly ModelPrice[]): Promise<UsageReport> {
  const { first, last } = monthDays(month);
  const [modelDays, people, users] = await Promise.all([store.getModelUsage(first, last), store.getUsageByPerson(month), store.listUsers()]);

  const totals = zero();
  const days = new Map(daysBetween(first, last).map((day) => [day, { day, ...zero() }]));
  const models = new Map<string, UsageRow & { model: string; priced: boolean }>();
  for (const row of modelDays) {
    add(totals, row);
    const day = days.get(row.day);
    if (day) add(day, row);
    let model = models.get(row.model);
    if (!model) models.set(row.model, (model = { model: row.model, priced: priceOf(prices, row.model) !== null, ...zero() }));
    add(model, row);
  }

  const byId = new Map(users.map((user) => [user.id, user]));
  return {
    month,
    totals,
    days: [...days.values()],
    models: [...models.values()].sort(byTokens),
    people: people
      .map((person: PersonUsage) => {
        const user = byId.get(person.userId);
        const row = { userId: person.userId, email: user?.email ?? null, name: user?.name ?? null, ...zero() };
        add(row, person);
        return row;
      })
      .sort(byTokens),
  };
}

/** The report as CSV: one section per table, dollars with six decimals. */
export function usageCsv(report: UsageReport): string {
  const usd = (nano: number) => (nano / 1e9).toFixed(6);
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    // Quote what needs it, and defuse spreadsheet formulas in names.
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const line = (...cells: Array<string | number | null>) => cells.map(cell).join(",");
  const numbers = (row: UsageRow) => [row.promptTokens, row.completionTokens, row.totalTokens, row.replies, usd(row.costNanoUsd)];
  const head = ["prompt_tokens", "completion_tokens", "total_tokens", "replies", "estimated_cost_usd"];
  return [
    line("section", "key", "name", ...head),
    line("total", report.month, null, ...numbers(report.totals)),
    ...report.days.map((row) => line("day", row.day, null, ...numbers(row))),
    ...report.models.map((row) => line("model", row.model, null, ...numbers(row).slice(0, 4), row.priced ? usd(row.costNanoUsd) : null)),
    ...report.people.map((row) => line("person", row.email ?? row.userId, row.name, ...numbers(row))),
  ].join("\r\n") + "\r\n";
}
