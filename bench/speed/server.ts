/**
 * Parley's production server for the bench: accounts seeded into a fresh
 * embedded database first (PGlite is held by one process at a time, so the
 * store is closed before `next start` opens it), then the server on a free
 * loopback port, and what /proc says about its CPU time and memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { openSqlStore } from "@/lib/store/sql/open";

export const PASSWORD = "bench-password-1";

export async function seedAccounts(dataDir: string, count: number): Promise<string[]> {
  const store = await openSqlStore({ dataDir });
  try {
    // One hash for everyone: hashing is deliberately slow, and the server
    // still verifies each sign-in on its own.
    const passwordHash = await hashPassword(PASSWORD);
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `person${i}@bench.example`;
      await store.createUser({ email, name: `Person ${i}`, passwordHash, role: "user" });
      emails.push(email);
    }
    return emails;
  } finally {
    await store.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, providerUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    OPENAI_API_KEY: "bench",
    OPENAI_BASE_URL: providerUrl,
  };
  // The bench's own environment must not pick the store or provider.
  for (const [key, value] of Object.entries(process.env)) {
    if (key in env || /^(SST_|AWS_|DATABASE_URL$|DYNAMODB_TABLE$|AZURE_|OPENAI_|AUTH_|SETUP_CODE$|TRUSTED_PROXY|CLIENT_ADDRESS)/.test(key)) continue;
    env[key] = value;
  }
  const child: ChildProcess = spawn(path.join(process.cwd(), "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    // Its own process group, so that stop() ends whatever next start forks.
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!killed) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become healthy within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, pid: child.pid!, stop };
}

/** The process and everything it started, as `next start` may fork its server. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

const TICKS_PER_SECOND = 100;

/** User + system CPU time of the server's processes, in ms. */
export function cpuMs(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Exited while we looked.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory of the server's processes, in bytes. */
export function rssBytes(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Exited while we looked.
    }
  }
  return kb * 1024;
}

/** Polls the resident memory until stopped, keeping its peak. */
export function watchPeakRss(root: number, everyMs = 100): () => number {
  let peak = rssBytes(root);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(root))), everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssBytes(root));
  };
}
