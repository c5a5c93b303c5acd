/** Percentiles and the table the speed bench prints. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "n/a");

export type Row = [figure: string, parley: string, direct?: string];

export function printTable(rows: readonly Row[]): void {
  // The baseline column only where some figure has one.
  const columns = rows.some((r) => r[2] !== undefined) ? 3 : 2;
  const header = (["figure", "Parley", "provider direct"] as Row).slice(0, columns) as Row;
  const all = [header, ...rows];
  const widths = [0, 1, 2].slice(0, columns).map((i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: Row) => `| ${r.map((cell, i) => (cell ?? "").padEnd(widths[i])).join(" | ")} |`;
  const full = (r: Row): Row => (columns === 3 ? [r[0], r[1], r[2] ?? ""] : [r[0], r[1]]);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(full(r)));
}
