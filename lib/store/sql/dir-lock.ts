import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync, unlinkSync } from "node:fs";
import { link, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";

// PGlite is single-process: a second process opening the same directory would
// corrupt it, so the directory is guarded by a lock file naming its holder.
//
// A pid alone cannot name the holder: two containers sharing a volume are
// both pid 1, and neither can see the other's processes. So the record also
// carries the host, the boot and the pid namespace (which tell whether the
// holder's pid means anything here) and an id for this very process. When the
// holder's pid can be checked, it is; otherwise the holder proves it is alive
// by touching the file every LOCK_HEARTBEAT_MS, and a lock untouched for
// LOCK_STALE_MS is taken to be left by a holder that died without closing.

/** How often a holder touches its lock file. */
export const LOCK_HEARTBEAT_MS = 2_000;
/**
 * How long after its last heartbeat a lock whose holder cannot be checked
 * directly (another container or machine) is taken over. Long enough for a
 * busy event loop to miss a few heartbeats, short enough for a restarted
 * container to get its database back quickly.
 */
export const LOCK_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  /** Absent in the plain-pid files written before holders were named. */
  host?: string;
  boot?: string;
  pidns?: string;
  instance?: string;
}

interface Identity {
  host: string;
  boot?: string;
  pidns?: string;
  instance: string;
}

interface HeldLock {
  dir: string;
  heartbeat: NodeJS.Timeout;
  lost: boolean;
}

// On globalThis so that a module evaluated twice (Next's dev server) is still
// one holder: same instance id, same set of held locks, one exit handler.
const IDENTITY = Symbol.for("parley.store.sql.pglite-identity");
const HELD = Symbol.for("parley.store.sql.pglite-locks");

type LockGlobal = typeof globalThis & {
  [IDENTITY]?: Identity;
  [HELD]?: Map<string, HeldLock>;
};

function readOptional(read: () => string): string | undefined {
  try {
    return read().trim() || undefined;
  } catch {
    // Not Linux, or /proc not mounted: the host name is all there is.
    return undefined;
  }
}

function identity(): Identity {
  return ((globalThis as LockGlobal)[IDENTITY] ??= {
    host: hostname(),
    boot: readOptional(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8")),
    pidns: readOptional(() => readlinkSync("/proc/self/ns/pid")),
    instance: randomUUID(),
  });
}

function record(): string {
  const me = identity();
  // process.pid is read each time rather than cached: it is what the
  // message of a refused opener shows, and tests stand in for other pids.
  const holder: LockHolder = { pid: process.pid, ...me };
  return `${JSON.stringify(holder)}\n`;
}

export function parseHolder(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const value = JSON.parse(trimmed) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || (value.pid as number) <= 0) return null;
    return value as LockHolder;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the holder's pid names a process this one can see. */
function sharesPidNamespace(holder: LockHolder): boolean {
  const me = identity();
  // A plain-pid file comes from a version that only ever checked the pid.
  if (holder.host === undefined) return true;
  return holder.host === me.host && holder.boot === me.boot && holder.pidns === me.pidns;
}

type Verdict = "ours" | "gone" | "held";

function judge(holder: LockHolder | null, ageMs: number): { verdict: Verdict; byHeartbeat: boolean } {
  if (holder?.instance === identity().instance) return { verdict: "ours", byHeartbeat: false };
  if (holder && holder.pid !== process.pid && sharesPidNamespace(holder)) {
    return { verdict: isAlive(holder.pid) ? "held" : "gone", byHeartbeat: false };
  }
  // Another container or machine, a process reporting our own pid (a
  // container restarted as pid 1 again, or another one beside it), or a
  // record still being written: only the heartbeat tells them apart.
  return { verdict: ageMs > LOCK_STALE_MS ? "gone" : "held", byHeartbeat: true };
}

/** Another process has the embedded database open (usually the running app). */
export class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseInUseError";
  }
}

function inUse(dir: string, holder: LockHolder | null, byHeartbeat: boolean): Error {
  const who = holder
    ? `process ${holder.pid}${holder.host && holder.host !== identity().host ? ` on ${holder.host}` : ""}`
    : "another process";
  const expiry = byHeartbeat
    ? ` If it stopped without closing the database, its lock expires ${LOCK_STALE_MS / 1000} s after its last heartbeat.`
    : "";
  return new DatabaseInUseError(
    `The embedded database in ${dir} is in use by ${who} (is the app running?). ` +
      `Stop it first, or set DATABASE_URL to use Postgres.${expiry}`,
  );
}

async function inspect(lockPath: string): Promise<{ text: string; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath)]);
    return { text, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Removes the lock judged stale, and only that one: it is first moved aside
 * (which one contender at a time can do) and checked, so a contender that
 * judged the same stale lock a moment later cannot remove the fresh lock the
 * first one has just created in its place.
 */
async function takeOver(lockPath: string, stale: string): Promise<void> {
  const aside = `${lockPath}.${identity().instance}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = await readFile(aside, "utf8").catch(() => stale);
  if (moved !== stale) {
    // Someone else's fresh lock: put it back where its holder expects it.
    await link(aside, lockPath).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

function heldLocks(): Map<string, HeldLock> {
  const g = globalThis as LockGlobal;
  if (!g[HELD]) {
    const held = new Map<string, HeldLock>();
    g[HELD] = held;
    // 'exit' handlers must be synchronous. A kill -9 leaves the file behind;
    // the next opener finds its holder gone, or its heartbeat stopped.
    process.once("exit", () => {
      for (const lockPath of held.keys()) removeOwnLockSync(lockPath);
    });
  }
  return g[HELD];
}

async function heartbeat(lockPath: string, lock: HeldLock): Promise<void> {
  const current = await readFile(lockPath, "utf8").catch(() => null);
  // Released meanwhile: touching the path now could refresh someone else's lock.
  if (heldLocks().get(lockPath) !== lock || current === null) return;
  if (parseHolder(current)?.instance !== identity().instance) {
    if (!lock.lost) {
      lock.lost = true;
      console.error(
        `[store] Another process has taken the lock on the embedded database in ${lock.dir} ` +
          "(this one missed its heartbeats for too long). Stop one of them now: both writing corrupts it.",
      );
    }
    return;
  }
  const now = new Date();
  await utimes(lockPath, now, now).catch(() => {});
}

/**
 * Takes the lock file for an embedded database directory, or throws the
 * message a person needs when another process has it. Taking it again from
 * the same process succeeds: a lock of ours still there was left by an open
 * that failed to release it.
 */
export async function acquireDirLock(lockPath: string, dir: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(lockPath, record(), { flag: "wx" });
      hold(lockPath, dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const seen = await inspect(lockPath);
    if (!seen) continue;
    const holder = parseHolder(seen.text);
    const { verdict, byHeartbeat } = judge(holder, Date.now() - seen.mtimeMs);
    if (verdict === "held") throw inUse(dir, holder, byHeartbeat);
    // Gone, or left by this very process (an earlier open that failed to
    // release it): take it over, then retry the exclusive create.
    await takeOver(lockPath, seen.text);
  }
  throw new Error(`Could not take the lock ${lockPath} for the embedded database in ${dir}.`);
}

function hold(lockPath: string, dir: string): void {
  const held = heldLocks();
  const previous = held.get(lockPath);
  if (previous) clearInterval(previous.heartbeat);
  const lock: HeldLock = { dir, lost: false, heartbeat: undefined as unknown as NodeJS.Timeout };
  lock.heartbeat = setInterval(() => void heartbeat(lockPath, lock), LOCK_HEARTBEAT_MS);
  // The heartbeat alone must not keep a finished script (npm run user) alive.
  lock.heartbeat.unref();
  held.set(lockPath, lock);
}

export async function releaseDirLock(lockPath: string): Promise<void> {
  const held = heldLocks();
  const lock = held.get(lockPath);
  if (lock) clearInterval(lock.heartbeat);
  held.delete(lockPath);
  const holder = parseHolder(await readFile(lockPath, "utf8").catch(() => ""));
  if (holder?.instance === identity().instance) {
    await unlink(lockPath).catch(() => {});
  }
}

function removeOwnLockSync(lockPath: string): void {
  try {
    if (parseHolder(readFileSync(lockPath, "utf8"))?.instance === identity().instance) unlinkSync(lockPath);
  } catch {
    // Already gone, or unreadable: nothing of ours to remove.
  }
}
