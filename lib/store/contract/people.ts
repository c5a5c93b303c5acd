/**
 * People administration on every engine: the user directory, role and status
 * changes, the last-admin rule under concurrency, invite links used once, and
 * the audit log. Runs on the suite's shared store, after everything else:
 * the last-admin tests demote every other admin the suite made.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidCursorError, LastAdminError, type DirectoryUser, type NewUser, type Store, type User } from "../types";

const DAY_MS = 24 * 60 * 60 * 1000;

export function peopleContract(getStore: () => Store): void {
  const store = () => getStore();
  const makeUser = (overrides: Partial<NewUser> = {}): Promise<User> =>
    store().createUser({
      email: `person-${randomUUID()}@example.com`,
      name: "Someone",
      passwordHash: `hash-${randomUUID()}`,
      role: "user",
      ...overrides,
    });

  async function everyone(query?: string): Promise<DirectoryUser[]> {
    const all: DirectoryUser[] = [];
    let cursor: string | null = null;
    do {
      const page = await store().listUserDirectory({ limit: 2, cursor, query });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  describe("user directory", () => {
    it("pages through everyone, newest account first, each once", async () => {
      const tag = randomUUID().slice(0, 8);
      const made: User[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await makeUser({ name: `Pager ${tag} ${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      const listed = await everyone(`pager ${tag}`);
      expect(listed.map((u) => u.id)).toEqual(made.map((u) => u.id).reverse());
      expect(listed[0]).toEqual({ ...made[4], lastActiveAt: null });

      const all = await everyone();
      expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
      expect(all.length).toBe(await store().countUsers());
      const times = all.map((u) => u.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("finds people by any part of the name or email, ignoring case, wildcards taken literally", async () => {
      const tag = randomUUID().slice(0, 8);
      const grace = await makeUser({ name: `Grace Hopper ${tag}`, email: `grace-${tag}@navy.example` });
      const other = await makeUser({ name: `Alan ${tag}`, email: `alan_${tag}@example.com` });
      expect((await everyone(`HOPPER ${tag.toUpperCase()}`)).map((u) => u.id)).toEqual([grace.id]);
      expect((await everyone(`grace-${tag}@NAVY`)).map((u) => u.id)).toEqual([grace.id]);
      expect((await everyone(tag)).map((u) => u.id).sort()).toEqual([grace.id, other.id].sort());
      expect(await everyone(`%${tag}`)).toEqual([]);
      expect((await everyone(`_${tag}`)).map((u) => u.id)).toEqual([other.id]);
      expect(await everyone(`nobody-${randomUUID()}`)).toEqual([]);
    });

    it("refuses a cursor it did not issue", async () => {
      await expect(store().listUserDirectory({ limit: 5, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("records when a person was last active, never moving it back", async () => {
      const tag = randomUUID().slice(0, 8);
      const user = await makeUser({ name: `Active ${tag}` });
      const later = new Date(Date.now() + 60_000);
      await store().recordUserActivity(user.id, later);
      await store().recordUserActivity(user.id, new Date(Date.now() - 60_000));
      const [listed] = await everyone(`active ${tag}`);
      expect(listed.lastActiveAt?.toISOString()).toBe(later.toISOString());
      await expect(store().recordUserActivity(randomUUID(), new Date())).resolves.toBeUndefined();
      expect(await store().getUserById(user.id)).toEqual(user);
    });
  });

  describe("roles and statuses", () => {
    it("changes a role and a status on every view of the account", async () => {
      const tag = randomUUID().slice(0, 8);
      const user = await makeUser({ name: `Changing ${tag}` });
      expect(user.status).toBe("active");
      expect(await store().setUserRole(user.id, "admin")).toMatchObject({ id: user.id, role: "admin", status: "active" });
      expect(await store().setUserStatus(user.id, "disabled")).toMatchObject({ role: "admin", status: "disabled" });
      expect(await store().getUserById(user.id)).toMatchObject({ role: "admin", status: "disabled" });
      expect(await store().getUserByEmail(user.email)).toMatchObject({ role: "admin", status: "disabled" });
      expect((await everyone(`changing ${tag}`))[0]).toMatchObject({ role: "admin", status: "disabled" });
      expect(await store().setUserStatus(user.id, "active")).toMatchObject({ status: "active" });
      expect(await store().setUserRole(user.id, "user")).toMatchObject({ role: "user" });
      expect(await store().setUserRole(randomUUID(), "admin")).toBeNull();
      expect(await store().setUserStatus("not-a-uuid", "disabled")).toBeNull();
    });
  });

  describe("invite links", () => {
    const link = async (user: User, lockedHash: string, expiresAt = new Date(Date.now() + 7 * DAY_MS)) => {
      const tokenHash = randomUUID().replaceAll("-", "") + randomUUID().replaceAll("-", "");
      await store().setPasswordHash(user.id, lockedHash);
      const invite = await store().createInvite({ tokenHash, userId: user.id, purpose: "invite", expiresAt, lockedHash });
      return { tokenHash, invite };
    };

    it("sets the password once, then says the link was used", async () => {
      const user = await makeUser();
      const { tokenHash, invite } = await link(user, "locked$a");
      expect(invite).toMatchObject({ tokenHash, userId: user.id, purpose: "invite", usedAt: null });
      expect(await store().getInvite(tokenHash)).toEqual(invite);
      expect(await store().redeemInvite(tokenHash, "new-hash", new Date())).toEqual({ ok: true, userId: user.id });
      expect((await store().getUserByEmail(user.email))?.passwordHash).toBe("new-hash");
      expect((await store().getInvite(tokenHash))?.usedAt).toBeInstanceOf(Date);
      expect(await store().redeemInvite(tokenHash, "other-hash", new Date())).toEqual({ ok: false, reason: "used" });
      expect((await store().getUserByEmail(user.email))?.passwordHash).toBe("new-hash");
    });

    it("lets exactly one of concurrent attempts through", async () => {
      const user = await makeUser();
      const { tokenHash } = await link(user, "locked$b");
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store().redeemInvite(tokenHash, `hash-${i}`, new Date())),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "used")).toBe(true);
      const index = results.findIndex((r) => r.ok);
      expect((await store().getUserByEmail(user.email))?.passwordHash).toBe(`hash-${index}`);
    });

    it("refuses expired, unknown and replaced links", async () => {
      const user = await makeUser();
      const { tokenHash: expired } = await link(user, "locked$c", new Date(Date.now() - 1000));
      expect(await store().redeemInvite(expired, "x", new Date())).toEqual({ ok: false, reason: "expired" });
      expect(await store().redeemInvite("f".repeat(64), "x", new Date())).toEqual({ ok: false, reason: "unknown" });

      const { tokenHash: older } = await link(user, "locked$d");
      const { tokenHash: newer } = await link(user, "locked$e");
      expect(await store().redeemInvite(older, "x", new Date())).toEqual({ ok: false, reason: "replaced" });
      expect(await store().redeemInvite(newer, "y", new Date())).toEqual({ ok: true, userId: user.id });
      expect((await store().getUserByEmail(user.email))?.passwordHash).toBe("y");
    });

    it("go with their account, together with everything else it had", async () => {
      const user = await makeUser();
      const { tokenHash } = await link(user, "locked$f");
      await store().savePreset(user.id, { name: "Mine", settings: { model: "m" } });
      expect(await store().deleteUser(user.id)).toBe(true);
      expect(await store().getInvite(tokenHash)).toBeNull();
      expect(await store().listPresets(user.id)).toEqual([]);
    });
  });

  describe("audit log", () => {
    it("appends entries and pages through them newest first", async () => {
      const tag = randomUUID();
      const written = [];
      for (let i = 0; i < 3; i++) {
        written.push(
          await store().appendAudit({
            at: new Date(Date.now() + 3_600_000 + i),
            actorId: null,
            actorEmail: i === 0 ? null : "admin@example.com",
            action: "role_changed",
            targetId: randomUUID(),
            targetEmail: `target-${i}@example.com`,
            detail: { tag, i },
          }),
        );
      }
      expect(written[1]).toMatchObject({ actorEmail: "admin@example.com", action: "role_changed", detail: { tag, i: 1 } });
      const first = await store().listAudit({ limit: 2 });
      expect(first.items).toEqual([written[2], written[1]]);
      const second = await store().listAudit({ limit: 2, cursor: first.nextCursor });
      expect(second.items[0]).toEqual(written[0]);
      await expect(store().listAudit({ limit: 2, cursor: "nope" })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe("the last active admin", () => {
    it("cannot be demoted, disabled or removed; of two admins demoting each other at once, one stays", async () => {
      const last = await makeUser({ role: "admin" });
      // Leave `last` as the only active admin of this store.
      for (const person of await everyone()) {
        if (person.id !== last.id && person.role === "admin" && person.status === "active") {
          await store().setUserRole(person.id, "user");
        }
      }
      await expect(store().setUserRole(last.id, "user")).rejects.toBeInstanceOf(LastAdminError);
      await expect(store().setUserStatus(last.id, "disabled")).rejects.toBeInstanceOf(LastAdminError);
      await expect(store().deleteUser(last.id)).rejects.toBeInstanceOf(LastAdminError);
      expect(await store().getUserById(last.id)).toMatchObject({ role: "admin", status: "active" });

      // A disabled admin does not count.
      const dormant = await makeUser({ role: "admin" });
      await store().setUserStatus(dormant.id, "disabled");
      await expect(store().setUserRole(last.id, "user")).rejects.toBeInstanceOf(LastAdminError);

      const second = await makeUser({ role: "admin" });
      const outcomes = await Promise.allSettled([
        store().setUserRole(last.id, "user"),
        store().setUserRole(second.id, "user"),
        store().setUserStatus(last.id, "disabled"),
        store().deleteUser(second.id),
      ]);
      const refused = outcomes.filter((o) => o.status === "rejected");
      expect(refused.every((o) => o.status === "rejected" && o.reason instanceof LastAdminError)).toBe(true);
      const admins = (await everyone()).filter((u) => u.role === "admin" && u.status === "active");
      expect(admins).toHaveLength(1);
      expect([last.id, second.id]).toContain(admins[0].id);
    });
  });
}
