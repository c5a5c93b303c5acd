import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { LOCK_STALE_MS, acquireDirLock, parseHolder, releaseDirLock, type LockHolder } from "./dir-lock";

const tsx = path.resolve("node_modules/.bin/tsx");
const reportPid = pathToFileURL(path.resolve("test-support/report-pid.mjs")).href;

let root: string;
let lockPath: string;
const dir = "/srv/parley/pglite";

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "parley-lock-"));
  lockPath = path.join(root, "pglite.lock");
});

afterEach(async () => {
  await releaseDirLock(lockPath);
  rmSync(root, { recursive: true, force: true });
});

function holderOnDisk(): LockHolder | null {
  return parseHolder(readFileSync(lockPath, "utf8"));
}

function ours(): LockHolder {
  const holder = holderOnDisk();
  expect(holder?.pid).toBe(process.pid);
  return holder!;
}

/** A lock file as another holder would have left it, last touched `ageMs` ago. */
function planted(holder: LockHolder | string, ageMs = 0): void {
  writeFileSync(lockPath, typeof holder === "string" ? holder : JSON.stringify(holder));
  const touched = new Date(Date.now() - ageMs);
  utimesSync(lockPath, touched, touched);
}

/** The pid of a process that has come and gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await once(child, "exit");
  return child.pid!;
}

interface Holder {
  child: ChildProcessWithoutNullStreams;
  /** "held", or the refusal it printed before exiting. */
  outcome: Promise<{ held: boolean; stderr: string }>;
}

/** A separate Node process taking the lock while claiming to be `pid`. */
function holdInChild(pid: number): Holder {
  const child = spawn(tsx, ["test-support/hold-dir-lock.ts", lockPath, dir], {
    env: { ...process.env, PARLEY_REPORTED_PID: String(pid), NODE_OPTIONS: `--import=${reportPid}` },
  });
  const outcome = new Promise<{ held: boolean; stderr: string }>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      stdout += d;
      if (stdout.includes("held")) resolve({ held: true, stderr });
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ held: false, stderr }));
  });
  return { child, outcome };
}

describe("embedded database lock", () => {
  it("refuses a second process reporting the holder's own pid, and lets it in once the holder exits", async () => {
    // Two containers on one volume are both pid 1; the pid cannot tell them apart.
    const first = holdInChild(1);
    expect((await first.outcome).held).toBe(true);
    expect(holderOnDisk()?.pid).toBe(1);

    const second = await holdInChild(1).outcome;
    expect(second.held).toBe(false);
    expect(second.stderr).toContain(`The embedded database in ${dir} is in use by process 1 (is the app running?)`);
    expect(second.stderr).toContain("DATABASE_URL");

    first.child.stdin.end();
    await once(first.child, "exit");
    expect(existsSync(lockPath)).toBe(false);

    const third = holdInChild(1);
    expect((await third.outcome).held).toBe(true);
    third.child.stdin.end();
    await once(third.child, "exit");
  });

  it("waits out a holder it cannot check until its heartbeat is stale", async () => {
    const elsewhere: LockHolder = {
      pid: 1,
      host: "container-b",
      boot: "another-boot",
      pidns: "pid:[4026532999]",
      instance: "a-container-that-crashed",
    };
    planted(elsewhere, LOCK_STALE_MS / 2);
    await expect(acquireDirLock(lockPath, dir)).rejects.toThrow(
      /in use by process 1 on container-b \(is the app running\?\).*expires 10 s after its last heartbeat/,
    );
    expect(holderOnDisk()).toEqual(elsewhere);

    planted(elsewhere, LOCK_STALE_MS + 1_000);
    await acquireDirLock(lockPath, dir);
    expect(ours().instance).not.toBe(elsewhere.instance);
  });

  it("treats another instance with this process's pid as a holder, not as itself", async () => {
    const mine = await acquireAndRead();
    await releaseDirLock(lockPath);
    const twin = { ...mine, instance: "same-pid-other-instance" };

    planted(twin);
    await expect(acquireDirLock(lockPath, dir)).rejects.toThrow(`in use by process ${process.pid} (`);
    planted(twin, LOCK_STALE_MS + 1_000);
    await acquireDirLock(lockPath, dir);
    expect(ours().instance).toBe(mine.instance);
  });

  it("takes over at once from a holder on this host whose process is gone", async () => {
    const mine = await acquireAndRead();
    await releaseDirLock(lockPath);
    planted({ ...mine, pid: await deadPid(), instance: "crashed" });
    await acquireDirLock(lockPath, dir);
    expect(ours().instance).toBe(mine.instance);
  });

  it("refuses a live holder on this host however long since its heartbeat", async () => {
    const mine = await acquireAndRead();
    await releaseDirLock(lockPath);
    planted({ ...mine, pid: process.ppid, instance: "busy" }, LOCK_STALE_MS * 10);
    await expect(acquireDirLock(lockPath, dir)).rejects.toThrow(
      `The embedded database in ${dir} is in use by process ${process.ppid} (is the app running?). ` +
        "Stop it first, or set DATABASE_URL to use Postgres.",
    );
  });

  it("reads the plain-pid files written before holders were named", async () => {
    planted(`${process.ppid}\n`);
    await expect(acquireDirLock(lockPath, dir)).rejects.toThrow(`in use by process ${process.ppid} (`);
    planted(`${await deadPid()}\n`);
    await acquireDirLock(lockPath, dir);
    ours();
  });

  it("is taken again by the same process, released or not", async () => {
    await acquireDirLock(lockPath, dir);
    await acquireDirLock(lockPath, dir);
    await releaseDirLock(lockPath);
    expect(existsSync(lockPath)).toBe(false);
    await acquireDirLock(lockPath, dir);
    ours();
  });

  it("leaves a lock that is not its own when releasing", async () => {
    const other = { pid: 1, host: "container-b", instance: "someone-else" };
    planted(other);
    await releaseDirLock(lockPath);
    expect(holderOnDisk()).toEqual(other);
  });

  it("keeps its lock fresh while it holds it", async () => {
    await acquireDirLock(lockPath, dir);
    const old = new Date(Date.now() - LOCK_STALE_MS * 10);
    utimesSync(lockPath, old, old);
    await vi.waitFor(() => expect(statSync(lockPath).mtimeMs).toBeGreaterThan(Date.now() - LOCK_STALE_MS), {
      timeout: 5_000,
      interval: 50,
    });
  });
});

async function acquireAndRead(): Promise<LockHolder> {
  await acquireDirLock(lockPath, dir);
  return ours();
}
