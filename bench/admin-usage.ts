/**
 * The admin usage page's server work with a busy installation: 1,000 people,
 * each with usage on each of the last 90 days (90,000 person-day rollups,
 * their person-month sums, and model-day rollups for four models), on the
 * embedded database (PGlite, in memory). Prints the time to build the page's report (every read the
 * page makes: model-day rows of the month, each person's month total, the
 * accounts for their names) for this month and the month before, and for the
 * person's own usage in Settings.
 *
 *   npx tsx --conditions=react-server bench/admin-usage.ts [people=1000] [days=90]
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "@/lib/store/sql/schema";
import { SqlStore } from "@/lib/store/sql/store";
import { ownUsage } from "@/lib/usage/own";
import { previousMonth, utcDay, utcMonth } from "@/lib/usage/periods";
import { priceTable } from "@/lib/usage/prices";
import { usageReport } from "@/lib/usage/report";

const people = Number(process.argv[2] ?? 1_000);
const days = Number(process.argv[3] ?? 90);
const models = ["gpt-4o-mini", "gpt-4o", "o3-mini", "llama3:8b"];

const client = await PGlite.create();
const db = drizzle({ client, schema });
await migrate(db, { migrationsFolder: "drizzle" });
const store = new SqlStore(db, { onClose: () => client.close() });

const seeding = performance.now();
const users = Array.from({ length: people }, (_, i) => ({
  id: randomUUID(),
  email: `person-${i}@example.com`,
  name: `Person ${i}`,
  passwordHash: "x",
  role: "user" as const,
}));
for (let i = 0; i < users.length; i += 500) await db.insert(schema.users).values(users.slice(i, i + 500));

const today = Date.now();
const dayList = Array.from({ length: days }, (_, d) => utcDay(new Date(today - d * 86_400_000)));
const usage = (seed: number) => ({
  promptTokens: 1_000 + (seed % 5_000),
  completionTokens: 200 + (seed % 900),
  replies: 1 + (seed % 40),
  costNanoUsd: 150_000 + (seed % 1_000_000),
});
let rows: Array<typeof schema.usagePersonDay.$inferInsert> = [];
for (const [u, user] of users.entries()) {
  for (const [d, day] of dayList.entries()) {
    rows.push({ userId: user.id, day, ...usage(u * 131 + d * 17) });
    if (rows.length === 2_000) {
      await db.insert(schema.usagePersonDay).values(rows);
      rows = [];
    }
  }
}
if (rows.length > 0) await db.insert(schema.usagePersonDay).values(rows);
await db.insert(schema.usageModelDay).values(dayList.flatMap((day, d) => models.map((model, m) => ({ day, model, ...usage(d * 7 + m) }))));
// The month rollups hold exactly the sums of the days, as recordUsage keeps them.
await client.exec(`
  insert into usage_person_month (month, user_id, prompt_tokens, completion_tokens, replies, cost_nano_usd)
  select to_char(day, 'YYYY-MM'), user_id, sum(prompt_tokens), sum(completion_tokens), sum(replies), sum(cost_nano_usd)
  from usage_person_day group by 1, 2;
  analyze;
`);
console.log(`seeded ${people} people × ${days} days = ${people * days} person-day rollups in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

async function time(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  await work(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${runs} runs)`);
}

const prices = priceTable();
const month = utcMonth(new Date());
const report = await usageReport(store, month, prices);
console.log(`report for ${month}: ${report.people.length} people, ${report.models.length} models, ${report.days.length} days`);
await time(`usage page, this month (${month})`, 20, () => usageReport(store, month, prices));
await time(`usage page, last month (${previousMonth(month)})`, 20, () => usageReport(store, previousMonth(month), prices));
await time("own usage in Settings", 50, () => ownUsage(store, { tokensPerDay: 100_000, repliesPerHour: 50, repliesAtOnce: 3 }, users[0]!.id));
await store.close();
