/**
 * How fast Parley's production build answers, next to the provider streamed
 * directly on the same clock: time to first token and per-chunk lateness
 * when idle, under a burst of new conversations, and under many people at
 * once (with a check that every reply was stored whole), the server's CPU
 * per turn and peak memory, and the page of a 5,000-message conversation.
 *
 * The provider is the project's fake OpenAI server, answering like a model:
 * first token after 300 ms, then a word every 25–50 ms. Everything runs on
 * loopback; people sign in from their own 127.x addresses.
 *
 *   npx next build && npx tsx --conditions=react-server bench/speed.ts [--short]
 *
 * Full: 100 conversations at once, then 1,000 turns by 340 people.
 * --short: 20 at once, then 100 turns by 34 people.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Person, loopbackAddress } from "./speed/client";
import { startProvider, streamDirect, type PlannedReply, type Provider, type Timing } from "./speed/provider";
import { PASSWORD, cpuMs, seedAccounts, startServer, watchPeakRss, type RunningServer } from "./speed/server";
import { longConversationFile } from "./speed/long-conversation";
import { ms, percentile, printTable, type Row } from "./speed/stats";

const short = process.argv.includes("--short");
const IDLE_TURNS = short ? 10 : 30;
const AT_ONCE = short ? 20 : 100;
const TURNS = short ? 100 : 1_000;
const PEOPLE = short ? 34 : 340;
/** Parley's own limit on replies being written for one person at once. */
const PER_PERSON = 3;
const LONG_CONVERSATION = 5_000;
const TIME_LIMIT_MS = (short ? 6 : 20) * 60_000;

if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("No production build in .next: run `npx next build` first.");
  process.exit(1);
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

let tags = 0;
function message(provider: Provider): { text: string; planned: PlannedReply } {
  tags += 1;
  const tag = `[bench-${tags}]`;
  return { text: `Tell me something short, please ${tag}`, planned: provider.plan(tag) };
}

async function direct(provider: Provider): Promise<Timing> {
  const { text, planned } = message(provider);
  return streamDirect(provider, text, planned);
}

const lateness = (timings: readonly Timing[]) => timings.flatMap((t) => t.latenessMs);

const dataDir = mkdtempSync(path.join(tmpdir(), "parley-speed-"));
let provider: Provider | undefined;
let server: RunningServer | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await server?.stop().catch(() => undefined);
    await provider?.fake.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  })());
const overtime = setTimeout(() => {
  console.error(`speed bench: over its ${TIME_LIMIT_MS / 60_000} minute limit, stopping.`);
  void cleanUp().finally(() => process.exit(1));
}, TIME_LIMIT_MS);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

const rows: Row[] = [];
try {
  provider = await startProvider();
  const emails = await seedAccounts(dataDir, PEOPLE);
  server = await startServer(dataDir, provider.fake.url);
  const origin = server.origin;
  const people = emails.map((email, i) => new Person(origin, loopbackAddress(i), email));
  await pool(people, 8, (p) => p.signIn(PASSWORD));
  console.error(`${people.length} people signed in to ${origin}`);

  const turn = async (person: Person) => {
    const { text, planned } = message(provider!);
    return { ...(await person.chat(text, planned)), planned, person };
  };

  // The first turns load code paths and the tokenizer; a browser's first
  // visit pays that, not each reply.
  for (let i = 0; i < 3; i++) await turn(people[0]);
  await direct(provider);

  // 1, 2: one at a time.
  const idleParley: Timing[] = [];
  const idleDirect: Timing[] = [];
  for (let i = 0; i < IDLE_TURNS; i++) {
    idleDirect.push(await direct(provider));
    idleParley.push(await turn(people[i % people.length]));
  }
  const ttftParley = percentile(idleParley.map((t) => t.firstTokenMs), 50);
  const ttftDirect = percentile(idleDirect.map((t) => t.firstTokenMs), 50);
  rows.push([`TTFT idle, p50 (${IDLE_TURNS} turns)`, ms(ttftParley), ms(ttftDirect)]);
  rows.push(["  added by Parley", ms(ttftParley - ttftDirect)]);
  const lateParley = percentile(lateness(idleParley), 99);
  const lateDirect = percentile(lateness(idleDirect), 99);
  rows.push(["chunk lateness idle, p99", ms(lateParley), ms(lateDirect)]);
  rows.push(["  added by Parley", ms(lateParley - lateDirect)]);

  // 3: new conversations at once, at most PER_PERSON for anyone.
  const burst = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => turn(people[Math.floor(i / PER_PERSON)])));
  const burstDirect = await Promise.all(Array.from({ length: AT_ONCE }, () => direct(provider!)));
  const burstErrors = burst.filter((t) => t.error !== null).length;
  rows.push([
    `${AT_ONCE} new conversations at once: TTFT p95`,
    ms(percentile(burst.filter((t) => !t.error).map((t) => t.firstTokenMs), 95)) + (burstErrors ? ` (${burstErrors} errors)` : ""),
    ms(percentile(burstDirect.map((t) => t.firstTokenMs), 95)),
  ]);

  // 4, 5: many people at once; each keeps at most PER_PERSON replies running.
  const queues = people.map(() => [] as number[]);
  for (let i = 0; i < TURNS; i++) queues[i % people.length].push(i);
  const cpuBefore = cpuMs(server.pid);
  const stopWatching = watchPeakRss(server.pid);
  const started = performance.now();
  const results = (
    await Promise.all(
      people.map((person, p) =>
        pool(queues[p], PER_PERSON, async () => {
          try {
            return await turn(person);
          } catch (error) {
            return { error: String(error), person, planned: null, conversationId: "", firstTokenMs: Number.NaN, latenessMs: [], text: "" };
          }
        }),
      ),
    )
  ).flat();
  const wallMs = performance.now() - started;
  const peakRss = stopWatching();
  const cpuPerTurn = (cpuMs(server.pid) - cpuBefore) / TURNS;
  const stored = await pool(results, 16, (r) =>
    r.error || !r.planned ? Promise.resolve(false) : r.person.storedWhole(r.conversationId, r.planned.text).catch(() => false),
  );
  const ok = results.filter((r) => !r.error);
  const streamedWhole = ok.filter((r) => r.text === r.planned?.text).length;
  const loadDirect = await pool(Array.from({ length: Math.min(TURNS, 300) }), Math.min(TURNS, 300), () => direct(provider!));
  const label = `${TURNS} turns by ${PEOPLE} people`;
  rows.push([`${label}: errors`, `${results.length - ok.length} of ${TURNS}`]);
  rows.push([`${label}: streamed whole`, `${streamedWhole} of ${TURNS}`]);
  rows.push([`${label}: replies stored whole`, `${stored.filter(Boolean).length} of ${TURNS}`]);
  rows.push([`${label}: TTFT p50`, ms(percentile(ok.map((r) => r.firstTokenMs), 50)), ms(percentile(loadDirect.map((t) => t.firstTokenMs), 50))]);
  rows.push([`${label}: TTFT p95`, ms(percentile(ok.map((r) => r.firstTokenMs), 95)), ms(percentile(loadDirect.map((t) => t.firstTokenMs), 95))]);
  rows.push([`${label}: chunk lateness p99`, ms(percentile(lateness(ok), 99)), ms(percentile(lateness(loadDirect), 99))]);
  rows.push([`${label}: wall time`, ms(wallMs)]);
  rows.push(["server CPU per turn (user+system)", ms(cpuPerTurn)]);
  rows.push(["server peak RSS during the turns", `${(peakRss / 2 ** 20).toFixed(0)} MB`]);
  const firstError = results.find((r) => r.error)?.error;
  if (firstError) console.error(`first error: ${firstError}`);

  // 6: a long conversation's page.
  const file = longConversationFile(LONG_CONVERSATION);
  const owner = people[0];
  const imported = await owner.send("POST", "/api/conversations/import", { headers: { "content-type": "application/json" }, body: JSON.stringify(file) });
  if (imported.status !== 201) {
    rows.push([`GET /c/<id>, ${LONG_CONVERSATION.toLocaleString("en")} messages`, `import failed: HTTP ${imported.status}`]);
  } else {
    const { conversation } = JSON.parse(imported.body) as { conversation: { id: string } };
    const pages = [];
    for (let i = 0; i < 5; i++) pages.push(await owner.send("GET", `/c/${conversation.id}`));
    const bad = pages.find((p) => p.status !== 200);
    const name = `GET /c/<id>, ${LONG_CONVERSATION.toLocaleString("en")} messages (median of 5)`;
    if (bad) rows.push([name, `HTTP ${bad.status}`]);
    else {
      rows.push([`${name}: first byte`, ms(percentile(pages.map((p) => p.firstByteMs), 50))]);
      rows.push([`${name}: whole HTML`, `${ms(percentile(pages.map((p) => p.totalMs), 50))}, ${(pages[0].body.length / 2 ** 20).toFixed(1)} MB`]);
    }
  }
} finally {
  clearTimeout(overtime);
  await cleanUp();
}

console.log(`Parley speed (${short ? "--short" : "full"}), production build, fake provider: first token after 300 ms, then a word every 25–50 ms`);
printTable(rows);
