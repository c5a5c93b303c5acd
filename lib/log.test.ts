import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import type { Store } from "@/lib/store/types";
import { captureLog } from "@/test-support/capture-log";
import { openBreakableStore, REFUSE_NEW_USERS } from "@/test-support/memory-store";
import { describeForLog, getLogger } from "./log";

describe("an error described for the log", () => {
  let store: Store;
  let sql: (statements: string) => Promise<void>;
  beforeAll(async () => {
    ({ store, sql } = await openBreakableStore());
    await sql(REFUSE_NEW_USERS);
  });
  afterAll(() => store.close());

  it("keeps what failed and where, and drops the values the query carried", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    const failure = await store.createUser({ name: "Ada Lovelace", email: "ada@example.com", passwordHash, role: "user" }).catch((e: unknown) => e);
    // The driver's own text holds them, which is why this helper exists.
    expect(String((failure as Error).message)).toContain("ada@example.com");

    const logged = describeForLog(failure);
    expect(logged).toMatch(/insert into "users"/);
    expect(logged).toContain("No space left on device");
    expect(logged).toMatch(/\n\s+at /);
    for (const secret of ["ada@example.com", "Ada Lovelace", passwordHash, "scrypt$", "params:"]) expect(logged).not.toContain(secret);
  });

  it("looks through Auth.js's wrapper, which keeps the original as cause.err", () => {
    const original = new Error('Failed query: select * from "users" where "email" = $1\nparams: bo@example.com');
    const wrapped = new Error("Read more at https://errors.authjs.dev#callbackrouteerror", { cause: { err: original, provider: "credentials" } });
    const logged = describeForLog(wrapped);
    expect(logged).toContain('select * from "users"');
    expect(logged).not.toContain("bo@example.com");
    expect(logged).not.toContain("params:");
  });

  it("masks an email address or a password hash anywhere in a message", () => {
    const logged = describeForLog(new Error("no account for bo.b+x@mail.example.org with scrypt$16384$8$1$c2FsdA$aGFzaA"));
    expect(logged).not.toContain("bo.b+x@mail.example.org");
    expect(logged).not.toContain("scrypt$16384");
    expect(describeForLog("thrown string with bo@example.com")).not.toContain("bo@example.com");
  });
});

describe("the server's log", () => {
  it("writes JSON lines that name people by id only, whatever a caller passes", () => {
    const log = captureLog();
    try {
      const passwordHash = "scrypt$16384$8$1$c2FsdA$aGFzaA";
      getLogger().info({ userId: "u-1", email: "ada@example.com", name: "Ada Lovelace", text: "my secret plan", user: { apiKey: "pk-123", passwordHash } }, "signed in");
      getLogger().warn("no account for bo@example.com");
      getLogger().error({ err: new Error("Failed query: insert\nparams: ada@example.com,Ada") }, "Could not store");
      const raw = log.lines.join("\n");
      for (const secret of ["ada@example.com", "Ada Lovelace", "my secret plan", "pk-123", passwordHash, "bo@example.com", "params:"]) expect(raw).not.toContain(secret);
      const [first, second, third] = log.records();
      expect(first).toMatchObject({ level: "info", userId: "u-1", msg: "signed in" });
      expect(typeof first.time).toBe("string");
      expect(second.msg).toBe("no account for [email]");
      expect(third).toMatchObject({ level: "error", msg: "Could not store" });
      expect(third.err).toContain("Failed query: insert");
    } finally {
      log.restore();
    }
  });
});
