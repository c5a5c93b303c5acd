import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openSqlStore } from "@/lib/store/sql/open";

const dataDir = mkdtempSync(path.join(tmpdir(), "parley-cli-"));
const tsx = path.resolve("node_modules/.bin/tsx");

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(
  args: string[],
  stdin = "",
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", "scripts/user.ts", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openSqlStore>>) => Promise<T>): Promise<T> {
  const store = await openSqlStore({ dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

// Each command is a separate process that opens the database: allow for slow machines.
describe("npm run user", { timeout: 90_000 }, () => {
  it("adds accounts with the password from stdin, never echoing it", async () => {
    const first = await cli(["add", "Root@Example.com", "--name", "Root"], "first-secret-pw\n");
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain("Added root@example.com (admin)");
    const second = await cli(["add", "member@example.com"], "member-secret-pw\n");
    expect(second.stdout).toContain("Added member@example.com (user)");
    for (const out of [first, second]) expect(out.stdout + out.stderr).not.toMatch(/secret-pw/);

    await withStore(async (store) => {
      const root = await store.getUserByEmail("root@example.com");
      expect(root).toMatchObject({ name: "Root", role: "admin" });
      expect(await verifyPassword("first-secret-pw", root!.passwordHash)).toBe(true);
    });
  });

  it("refuses duplicates, short passwords and bad emails with a clear message", async () => {
    const duplicate = await cli(["add", "member@example.com"], "another-password\n");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
    const short = await cli(["add", "short@example.com"], "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 8 characters");
    const bad = await cli(["add", "not-an-email"], "long-enough-pw\n");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("valid email");
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown command");
  });

  it("lists, resets a password and removes an account", async () => {
    const list = await cli(["list"]);
    expect(list.stdout).toMatch(/root@example\.com\tadmin\tRoot/);
    expect(list.stdout).toMatch(/member@example\.com\tuser/);
    expect(list.stdout).not.toContain("scrypt");

    const reset = await cli(["reset-password", "member@example.com"], "a-new-password\n");
    expect(reset).toMatchObject({ code: 0 });
    await withStore(async (store) => {
      const member = await store.getUserByEmail("member@example.com");
      expect(await verifyPassword("a-new-password", member!.passwordHash)).toBe(true);
    });

    const removed = await cli(["remove", "member@example.com"]);
    expect(removed).toMatchObject({ code: 0 });
    expect((await cli(["list"])).stdout).not.toContain("member@example.com");
    const again = await cli(["remove", "member@example.com"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("No account");
  });

  it("invites someone with a one-time link, printed in full when APP_URL is set", async () => {
    const invited = await cli(["invite", "guest@example.com", "--name", "Guest"], "", { APP_URL: "https://chat.example.com/" });
    expect(invited).toMatchObject({ code: 0 });
    const link = invited.stdout.match(/^https:\/\/chat\.example\.com\/invite\/([A-Za-z0-9_-]{43})$/m);
    expect(link).not.toBeNull();
    const pathOnly = await cli(["invite", "other-guest@example.com"], "", { APP_URL: "", AUTH_URL: "" });
    expect(pathOnly.stdout).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/m);
    expect(pathOnly.stderr).toContain("APP_URL");
  });

  it("disables and enables someone, never the last admin, and logs it all", async () => {
    expect(await cli(["disable", "guest@example.com"])).toMatchObject({ code: 0 });
    await withStore(async (store) => {
      expect(await store.getUserByEmail("guest@example.com")).toMatchObject({ name: "Guest", role: "user", status: "disabled" });
    });
    expect(await cli(["enable", "guest@example.com"])).toMatchObject({ code: 0 });
    const lastAdmin = await cli(["disable", "root@example.com"]);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain("last active administrator");
    await withStore(async (store) => {
      expect((await store.getUserByEmail("guest@example.com"))?.status).toBe("active");
      const { items } = await store.listAudit({ limit: 10 });
      expect(items.filter((e) => e.targetEmail === "guest@example.com").map((e) => [e.action, e.actorEmail])).toEqual([
        ["user_enabled", null],
        ["user_disabled", null],
        ["user_invited", null],
      ]);
    });
  });

  it("refuses to open the embedded database while another process has it, pointing to the admin area", async () => {
    await withStore(async () => {
      const blocked = await cli(["list"]);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/in use by process \d+/);
      expect(blocked.stderr).toContain("DATABASE_URL");
      expect(blocked.stderr).toContain("admin area");
      expect(blocked.stderr).toContain("/admin/users");
    });
  });

  it("refuses it to a process with the holder's pid, as in another container on the same volume", async () => {
    const samePid = {
      PARLEY_REPORTED_PID: String(process.pid),
      NODE_OPTIONS: `--import=${pathToFileURL(path.resolve("test-support/report-pid.mjs")).href}`,
    };
    await withStore(async () => {
      const blocked = await cli(["list"], "", samePid);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`in use by process ${process.pid} (is the app running?)`);
    });
    const after = await cli(["list"], "", samePid);
    expect(after).toMatchObject({ code: 0 });
    expect(after.stdout).toContain("root@example.com");
  });
});
