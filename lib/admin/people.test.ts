import { describe, expect, it } from "vitest";
import { credentialVersion, sessionIsCurrent } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { ApiError } from "@/lib/errors/api-error";
import { memoryStoreForSuite } from "@/test-support/memory-store";
import { linkState, redeemLink } from "./invites";
import { addPerson, issueResetLink, removePerson, setRole, setStatus } from "./people";
import { hashLinkToken, INVITE_LIFETIME_MS, isLinkToken, tokenMatches } from "./tokens";

const store = memoryStoreForSuite();
const tokenOf = (path: string) => path.slice("/invite/".length);

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("link tokens", () => {
  it("carry 256 random bits, are stored only as a hash and compared against it", async () => {
    const { path } = await addPerson(store, null, { name: "T", email: "tokens@example.com", role: "user" });
    const token = tokenOf(path);
    expect(isLinkToken(token)).toBe(true);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const invite = await store.getInvite(hashLinkToken(token));
    expect(invite?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(invite?.tokenHash).not.toContain(token);
    expect(tokenMatches(token, invite!.tokenHash)).toBe(true);
    expect(tokenMatches("x".repeat(43), invite!.tokenHash)).toBe(false);
  });
});

describe("adding a person", () => {
  it("makes an account no password opens, with a link that sets one exactly once", async () => {
    const { user, path, expiresAt } = await addPerson(store, { id: "a", email: "root@example.com" }, { name: "New One", email: "New@Example.com", role: "user" });
    expect(user).toMatchObject({ email: "new@example.com", role: "user", status: "active" });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITE_LIFETIME_MS - 60_000);
    const stored = await store.getUserByEmail(user.email);
    expect(await verifyPassword("", stored!.passwordHash)).toBe(false);

    expect(await linkState(store, tokenOf(path))).toEqual({ status: "ready", purpose: "invite", email: user.email, name: "New One" });
    expect(await redeemLink(store, tokenOf(path), "chosen-password")).toEqual({ ok: true, email: user.email });
    expect(await verifyPassword("chosen-password", (await store.getUserByEmail(user.email))!.passwordHash)).toBe(true);
    expect(await linkState(store, tokenOf(path))).toEqual({ status: "used" });
    expect(await redeemLink(store, tokenOf(path), "another-password")).toEqual({ ok: false, reason: "used" });

    expect((await refusal(addPerson(store, null, { name: "Again", email: "new@example.com", role: "user" }))).status).toBe(409);
  });

  it("says when a link has expired, and knows nothing of made-up ones", async () => {
    const { path } = await addPerson(store, null, { name: "Late", email: "late@example.com", role: "user" });
    const later = new Date(Date.now() + INVITE_LIFETIME_MS + 1000);
    expect(await linkState(store, tokenOf(path), later)).toEqual({ status: "expired" });
    expect(await redeemLink(store, tokenOf(path), "too-late-password", later)).toEqual({ ok: false, reason: "expired" });
    expect(await linkState(store, "x".repeat(43))).toEqual({ status: "invalid" });
    expect(await linkState(store, "../../etc")).toEqual({ status: "invalid" });
  });
});

describe("a password reset", () => {
  it("ends sessions and the old password at once, and voids earlier links", async () => {
    const { user, path: invite } = await addPerson(store, null, { name: "R", email: "reset@example.com", role: "user" });
    await redeemLink(store, tokenOf(invite), "first-password");
    const before = (await store.getUserByEmail(user.email))!;
    const session = { userId: user.id, credentialVersion: credentialVersion(before.passwordHash) };
    expect(sessionIsCurrent(session, before)).toBe(true);

    const older = await issueResetLink(store, null, user.id);
    const after = (await store.getUserByEmail(user.email))!;
    expect(sessionIsCurrent(session, after)).toBe(false);
    expect(await verifyPassword("first-password", after.passwordHash)).toBe(false);

    const newer = await issueResetLink(store, null, user.id);
    expect(await redeemLink(store, tokenOf(older.path), "older-link-pw")).toEqual({ ok: false, reason: "replaced" });
    expect(await redeemLink(store, tokenOf(newer.path), "newer-link-pw")).toEqual({ ok: true, email: user.email });
    expect((await refusal(issueResetLink(store, null, "6b0f1c1e-8a8f-4a4e-9d63-1f2a3b4c5d6e"))).code).toBe("user_not_found");
  });
});

describe("roles, statuses and removal", () => {
  it("refuse to leave no active admin, with a 409", async () => {
    const { user: admin } = await addPerson(store, null, { name: "Only", email: "only-admin@example.com", role: "admin" });
    const last = await refusal(setRole(store, null, admin.id, "user"));
    expect([last.status, last.code]).toEqual([409, "last_admin"]);
    expect((await refusal(setStatus(store, null, admin.id, "disabled"))).code).toBe("last_admin");
    expect((await refusal(removePerson(store, null, admin.id, admin.email))).code).toBe("last_admin");
  });

  it("remove only with the person's email typed, then record it all in the audit log", async () => {
    const actor = { id: "6b0f1c1e-8a8f-4a4e-9d63-1f2a3b4c5d6e", email: "boss@example.com" };
    const { user } = await addPerson(store, actor, { name: "Gone", email: "gone@example.com", role: "user" });
    await setRole(store, actor, user.id, "admin");
    await setStatus(store, actor, user.id, "disabled");
    expect((await refusal(removePerson(store, actor, user.id, "other@example.com"))).code).toBe("confirm_email_mismatch");
    await removePerson(store, actor, user.id, " GONE@example.com ");
    expect(await store.getUserById(user.id)).toBeNull();

    const { items } = await store.listAudit({ limit: 10 });
    const mine = items.filter((entry) => entry.targetEmail === "gone@example.com").map((entry) => [entry.action, entry.detail]);
    expect(mine).toEqual([
      ["user_removed", { name: "Gone" }],
      ["user_disabled", null],
      ["role_changed", { from: "user", to: "admin" }],
      ["user_invited", { role: "user" }],
    ]);
    expect(items.find((entry) => entry.targetEmail === "gone@example.com")?.actorEmail).toBe("boss@example.com");
  });
});
