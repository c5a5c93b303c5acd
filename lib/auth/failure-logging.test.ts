import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/store/types";
import { captureLog } from "@/test-support/capture-log";
import { openBreakableStore, REFUSE_NEW_USERS } from "@/test-support/memory-store";
import { createAccount } from "./accounts";
import { setUpFirstAccount } from "./first-run";
import { handlers } from "./index";

/**
 * A store that fails mid-request must leave a useful line in the server log,
 * and nothing of what the person typed: their email, name, or the password
 * hash the failed query carried.
 */

const forbidden = (extra: string[]) => ["params:", "scrypt$", ...extra];
let log: ReturnType<typeof captureLog>;
/** The logged lines as a person reads them: message, then the error described. */
const readable = () => log.records().map((r) => `${String(r.msg)}\n${String(r.err)}`).join("\n");

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "failure-logging-test-secret-0123456789");
  log = captureLog();
});
afterEach(() => log.clear());
afterAll(() => {
  log.restore();
  vi.unstubAllEnvs();
});

/** getStore() answers with this store for the rest of the file. */
function serve(store: Store): void {
  (globalThis as unknown as { parleyStore?: Promise<Store> }).parleyStore = Promise.resolve(store);
}

describe("a store failure while signing in", () => {
  let store: Store;
  const email = "ada@example.com";
  const password = "ada-password-1";

  beforeAll(async () => {
    let sql: (statements: string) => Promise<void>;
    ({ store, sql } = await openBreakableStore());
    await createAccount(store, { name: "Ada", email, password }, "admin");
    // Every lookup of an account, and of the sign-in throttle, now fails in the database.
    await sql("alter table users rename to users_moved; alter table login_failures rename to login_failures_moved;");
    serve(store);
  });
  afterAll(() => store.close());

  it("is logged once, redacted, and the person is not let in", async () => {
    const origin = "http://127.0.0.1:3000";
    const csrf = await handlers.GET(new NextRequest(`${origin}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    const response = await handlers.POST(
      new NextRequest(`${origin}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "203.0.113.9" },
        body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
      }),
    );

    expect(response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    expect(log.lines).toHaveLength(1);
    for (const secret of forbidden([email])) expect(log.lines[0]).not.toContain(secret);
    // Still enough to act on: which query, and the database's reason.
    expect(readable()).toContain("Sign-in failed");
    expect(readable()).toMatch(/Failed query: .*"(users|login_failures)"/);
    expect(readable()).toMatch(/does not exist/);
  });
});

describe("a store failure while creating the first account", () => {
  let store: Store;
  const account = { name: "Grace Hopper", email: "grace@example.com", password: "grace-password-1" };

  beforeAll(async () => {
    let sql: (statements: string) => Promise<void>;
    ({ store, sql } = await openBreakableStore());
    await sql(REFUSE_NEW_USERS);
  });
  afterAll(() => store.close());

  it("is logged once, redacted, and answered as a failure rather than thrown", async () => {
    const outcome = await setUpFirstAccount(async () => store, account, { gate: { kind: "open" }, setupCode: "", address: "203.0.113.9" });

    expect(outcome).toBe("failed");
    expect(await store.countUsers()).toBe(0);
    expect(log.lines).toHaveLength(1);
    for (const secret of forbidden([account.email, account.name])) expect(log.lines[0]).not.toContain(secret);
    expect(readable()).toContain("Could not create the first account");
    expect(readable()).toMatch(/Failed query: insert into "users"/);
    expect(readable()).toContain("No space left on device");
  });

});
