import { beforeAll, describe, expect, it } from "vitest";
import { memoryStoreForSuite } from "@/test-support/memory-store";
import { createAccount, createFirstAccount, resetPassword } from "./accounts";
import { checkCredentials, sessionIsCurrent } from "./credentials";
import {
  admitSignInAttempt,
  EMAIL_CEILING,
  LOGIN_WINDOW_MS,
  MAX_ATTEMPTS_PER_ADDRESS,
  MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  recordSignInSuccess,
} from "./throttle";

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

  it("throttles guesses at an account from one address, even the right password, until the window passes", async () => {
    const email = "bo@example.com";
    const guesser = "10.1.0.1";
    for (let i = 0; i < MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS; i++) {
      const r = await checkCredentials(store, { email, password: "wrong", address: guesser }, at(i * 1000));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(store, { email, password: "wrong", address: guesser }, at(10_000))).toEqual({ ok: false, reason: "throttled" });
    expect(await checkCredentials(store, { email, password: "bo-password", address: guesser }, at(11_000))).toEqual({ ok: false, reason: "throttled" });

    const later = await checkCredentials(store, { email, password: "bo-password", address: guesser }, at(LOGIN_WINDOW_MS + 20_000));
    expect(later.ok).toBe(true);
  });

  it("lets the owner in from their own address while someone else guesses at their account", async () => {
    const email = "bo@example.com";
    const attacker = "198.51.100.66";
    const base = 2 * LOGIN_WINDOW_MS;
    for (let i = 0; i < 25; i++) {
      await checkCredentials(store, { email, password: `guess-${i}`, address: attacker }, at(base + i));
    }
    const attackerAgain = await checkCredentials(store, { email, password: "bo-password", address: attacker }, at(base + 100));
    expect(attackerAgain).toEqual({ ok: false, reason: "throttled" });

    const owner = await checkCredentials(store, { email, password: "bo-password", address: "192.0.2.10" }, at(base + 200));
    expect(owner.ok).toBe(true);
    // The owner's own typo is forgiven by their success, not held against them.
    await checkCredentials(store, { email, password: "typo", address: "192.0.2.10" }, at(base + 300));
    expect((await checkCredentials(store, { email, password: "bo-password", address: "192.0.2.10" }, at(base + 400))).ok).toBe(true);
  });

  it("lets no more than the limit of parallel guesses from one address reach the password check", async () => {
    const email = "parallel@example.com";
    const results = await Promise.all(
      Array.from({ length: 12 }, () => checkCredentials(store, { email, password: "guess", address: "10.2.0.1" }, t0)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS);
  });

  it("throttles an address that tries many emails", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await checkCredentials(store, { email: `guess${i}@example.com`, password: "x", address }, t0);
    }
    const blocked = await checkCredentials(store, { email: "ada@example.com", password: "ada-password", address }, t0);
    expect(blocked).toEqual({ ok: false, reason: "throttled" });
    const elsewhere = await checkCredentials(store, { email: "ada@example.com", password: "ada-password", address: "198.51.100.1" }, t0);
    expect(elsewhere.ok).toBe(true);
  });

  it("lets a room full of people behind one address sign in, while guessing from it is still throttled", async () => {
    const address = "203.0.113.50";
    const base = 6 * LOGIN_WINDOW_MS;
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS * 2; i++) {
      const person = { email: `p${i}@example.com`, address };
      expect(await admitSignInAttempt(store, person, at(base + i)), `person ${i}`).toBe(true);
      await recordSignInSuccess(store, person, at(base + i));
    }
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect(await admitSignInAttempt(store, { email: `target${i}@example.com`, address }, at(base + 1_000 + i))).toBe(true);
    }
    expect(await admitSignInAttempt(store, { email: "p0@example.com", address }, at(base + 2_000))).toBe(false);
  });

  it("gives no extra guesses for signing in between them, and caps all attempts from one address", async () => {
    const address = "203.0.113.77";
    const base = 8 * LOGIN_WINDOW_MS;
    let guesses = 0;
    for (let i = 0; i < 3 * MAX_FAILURES_PER_ADDRESS; i++) {
      await checkCredentials(store, { email: "ada@example.com", password: "ada-password", address }, at(base + 2 * i));
      const guess = await checkCredentials(store, { email: `spray${i}@example.com`, password: "guess", address }, at(base + 2 * i + 1));
      if (!guess.ok && guess.reason === "invalid") guesses++;
    }
    expect(guesses).toBe(MAX_FAILURES_PER_ADDRESS);

    // Sign-ins alone, however many succeed, stop at the cap until the window passes.
    const busy = { email: "ada@example.com", address: "203.0.113.78" };
    const later = base + LOGIN_WINDOW_MS;
    let admitted = 0;
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS + 5; i++) {
      if (await admitSignInAttempt(store, busy, at(later + i))) {
        admitted++;
        await recordSignInSuccess(store, busy, at(later + i));
      }
    }
    expect(admitted).toBe(MAX_ATTEMPTS_PER_ADDRESS);
    // 120 password checks (scrypt, deliberately slow): room for a busy machine.
  }, 90_000);

  it("counts addresses it cannot tell apart as one", async () => {
    const email = "nowhere@example.com";
    for (let i = 0; i < MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS; i++) {
      await checkCredentials(store, { email, password: "x", address: null }, t0);
    }
    expect(await checkCredentials(store, { email, password: "x", address: null }, t0)).toEqual({ ok: false, reason: "throttled" });
  });

  it("past an account's ceiling, admits only addresses that have not been failing, so the owner still gets in", async () => {
    await createAccount(store, { name: "Di", email: "di@example.com", password: "di-password" }, "user");
    const email = "di@example.com";
    const base = 4 * LOGIN_WINDOW_MS;
    const home = "192.0.2.44";
    // The owner signed in from home earlier in the window.
    expect((await checkCredentials(store, { email, password: "di-password", address: home }, at(base))).ok).toBe(true);

    // A botnet: each address stays under its own limits, together they pass the ceiling.
    const perAddress = MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS - 1;
    const bots = Math.ceil(EMAIL_CEILING / perAddress) + 1;
    for (let b = 0; b < bots; b++) {
      for (let i = 0; i < perAddress; i++) {
        await admitSignInAttempt(store, { email, address: `10.9.${b}.1` }, at(base + 1));
      }
    }

    // A bot that has failed before must wait, though under its own limits.
    expect(await checkCredentials(store, { email, password: "di-password", address: "10.9.0.1" }, at(base + 2))).toEqual({
      ok: false,
      reason: "throttled",
    });
    // A fresh bot gets one guess, then waits.
    expect(await checkCredentials(store, { email, password: "guess", address: "10.8.0.1" }, at(base + 3))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(store, { email, password: "di-password", address: "10.8.0.1" }, at(base + 4))).toEqual({
      ok: false,
      reason: "throttled",
    });
    // The owner, from home (where they only ever succeeded) or from a new place, gets in.
    expect((await checkCredentials(store, { email, password: "di-password", address: home }, at(base + 5))).ok).toBe(true);
    expect((await checkCredentials(store, { email, password: "di-password", address: "192.0.2.45" }, at(base + 6))).ok).toBe(true);
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
