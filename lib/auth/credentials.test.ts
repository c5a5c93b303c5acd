import { beforeAll, describe, expect, it } from "vitest";
import { memoryStoreForSuite } from "@/test-support/memory-store";
import { createAccount, createFirstAccount, resetPassword } from "./accounts";
import { checkCredentials, clientAddress, sessionIsCurrent } from "./credentials";
import { LOGIN_WINDOW_MS, MAX_ATTEMPTS_PER_ADDRESS, MAX_ATTEMPTS_PER_EMAIL } from "./throttle";

describe("the client address", () => {
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("is the entry the nearest trusted proxy appended, whatever the client put before it", () => {
    expect(clientAddress(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddress(headers("203.0.113.7"), 3)).toBe("203.0.113.7");
    expect(clientAddress(headers(), 1)).toBeNull();
  });
});

describe("sign-in decisions", () => {
  const store = memoryStoreForSuite();
  const t0 = new Date("2026-01-01T10:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    await createFirstAccount(store, { name: "Ada", email: "ada@example.com", password: "ada-password" });
    await createAccount(store, { name: "Bo", email: "bo@example.com", password: "bo-password" }, "user");
  });

  it("accepts the right password, with the email in any case", async () => {
    const result = await checkCredentials(store, { email: "ADA@example.com", password: "ada-password", address: "10.0.0.1" }, t0);
    expect(result).toMatchObject({ ok: true, user: { email: "ada@example.com", role: "admin" } });
    expect(JSON.stringify(result)).not.toContain("scrypt");
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const wrong = await checkCredentials(store, { email: "ada@example.com", password: "nope", address: "10.0.0.2" }, t0);
    const unknown = await checkCredentials(store, { email: "who@example.com", password: "nope", address: "10.0.0.2" }, t0);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an email after repeated failures, even with the right password, until the window passes", async () => {
    const email = "bo@example.com";
    for (let i = 0; i < MAX_ATTEMPTS_PER_EMAIL; i++) {
      const r = await checkCredentials(store, { email, password: "wrong", address: `10.1.0.${i}` }, at(i * 1000));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await checkCredentials(store, { email, password: "bo-password", address: "10.1.1.1" }, at(10_000));
    expect(blocked).toEqual({ ok: false, reason: "throttled" });

    const later = await checkCredentials(store, { email, password: "bo-password", address: "10.1.1.1" }, at(LOGIN_WINDOW_MS + 20_000));
    expect(later.ok).toBe(true);
    // Success forgives the email's failures.
    expect(await store.countLoginFailures("email:bo@example.com", LOGIN_WINDOW_MS, at(LOGIN_WINDOW_MS + 21_000))).toBe(0);
  });

  it("lets no more than the limit of parallel guesses reach the password check", async () => {
    const email = "parallel@example.com";
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => checkCredentials(store, { email, password: "guess", address: `10.2.0.${i}` }, t0)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_ATTEMPTS_PER_EMAIL);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - MAX_ATTEMPTS_PER_EMAIL);
  });

  it("throttles an address that tries many emails", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) {
      await checkCredentials(store, { email: `guess${i}@example.com`, password: "x", address }, t0);
    }
    const blocked = await checkCredentials(store, { email: "ada@example.com", password: "ada-password", address }, t0);
    expect(blocked).toEqual({ ok: false, reason: "throttled" });
    const elsewhere = await checkCredentials(store, { email: "ada@example.com", password: "ada-password", address: "198.51.100.1" }, t0);
    expect(elsewhere.ok).toBe(true);
  });

  it("ends sessions when the password is reset or the account removed", async () => {
    await createAccount(store, { name: "Cy", email: "cy@example.com", password: "cy-password" }, "user");
    const signedIn = await checkCredentials(store, { email: "cy@example.com", password: "cy-password", address: null }, t0);
    if (!signedIn.ok) throw new Error("sign-in failed");
    const session = { userId: signedIn.user.id, credentialVersion: signedIn.credentialVersion };

    expect(sessionIsCurrent(session, await store.getUserByEmail("cy@example.com"))).toBe(true);
    expect(sessionIsCurrent({ ...session, credentialVersion: undefined }, await store.getUserByEmail("cy@example.com"))).toBe(false);
    expect(sessionIsCurrent(session, await store.getUserByEmail("ada@example.com"))).toBe(false);

    await resetPassword(store, "cy@example.com", "cy-new-password");
    expect(sessionIsCurrent(session, await store.getUserByEmail("cy@example.com"))).toBe(false);

    await store.deleteUser(signedIn.user.id);
    expect(sessionIsCurrent(session, await store.getUserByEmail("cy@example.com"))).toBe(false);
  });

  it("lets only one first-run account exist", async () => {
    expect(await createFirstAccount(store, { name: "Eve", email: "eve@example.com", password: "eve-password" })).toBeNull();
    expect(await store.getUserByEmail("eve@example.com")).toBeNull();
  });
});
