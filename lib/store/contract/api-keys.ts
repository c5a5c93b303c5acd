/**
 * Contract cases for personal API keys: created, found by hash only, use
 * recorded cheaply, revoked at once, listed per person and for admins, and
 * gone with their owner. Called from runStoreContract with the suite's store.
 */
import { randomBytes, randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { NewApiKey, Store, User } from "../types";

export function apiKeyContract(getStore: () => Store): void {
  const store = () => getStore();

  const makeUser = (): Promise<User> =>
    store().createUser({ email: `keys-${randomUUID()}@example.com`, name: "Key Person", passwordHash: "hash", role: "user" });

  const newKey = (userId: string, overrides: Partial<NewApiKey> = {}): NewApiKey => ({
    userId,
    name: "Bot",
    prefix: "pk_abcdefg",
    hash: randomBytes(32).toString("hex"),
    expiresAt: null,
    ...overrides,
  });

  describe("API keys", () => {
    it("creates a key and finds it by its hash only", async () => {
      const user = await makeUser();
      const expiresAt = new Date(Date.now() + 86_400_000);
      const input = newKey(user.id, { name: "Discord bot", expiresAt });
      const created = await store().createApiKey(input);
      expect(created).toMatchObject({ userId: user.id, name: "Discord bot", prefix: "pk_abcdefg", lastUsedAt: null, expiresAt });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await store().findApiKeyByHash(input.hash)).toEqual(created);
      expect(await store().findApiKeyByHash(randomBytes(32).toString("hex"))).toBeNull();
      // The key itself is never an answer: nothing returned carries the hash.
      expect(JSON.stringify(created)).not.toContain(input.hash);
    });

    it("records a use only when the last one is stale", async () => {
      const user = await makeUser();
      const input = newKey(user.id);
      const key = await store().createApiKey(input);
      const first = new Date(Date.now() + 1_000);
      await store().touchApiKey(user.id, key.id, first, new Date(first.getTime() - 60_000));
      expect((await store().findApiKeyByHash(input.hash))?.lastUsedAt).toEqual(first);
      expect((await store().listApiKeys(user.id))[0].lastUsedAt).toEqual(first);

      // Within the minute: unchanged.
      const soon = new Date(first.getTime() + 10_000);
      await store().touchApiKey(user.id, key.id, soon, new Date(soon.getTime() - 60_000));
      expect((await store().findApiKeyByHash(input.hash))?.lastUsedAt).toEqual(first);

      const later = new Date(first.getTime() + 120_000);
      await store().touchApiKey(user.id, key.id, later, new Date(later.getTime() - 60_000));
      expect((await store().findApiKeyByHash(input.hash))?.lastUsedAt).toEqual(later);
      expect((await store().listApiKeys(user.id))[0].lastUsedAt).toEqual(later);
    });

    it("revokes a key at once, only for its owner, and never brings it back", async () => {
      const owner = await makeUser();
      const other = await makeUser();
      const input = newKey(owner.id);
      const key = await store().createApiKey(input);
      expect(await store().revokeApiKey(other.id, key.id)).toBe(false);
      expect(await store().findApiKeyByHash(input.hash)).not.toBeNull();
      expect(await store().revokeApiKey(owner.id, key.id)).toBe(true);
      expect(await store().findApiKeyByHash(input.hash)).toBeNull();
      expect(await store().listApiKeys(owner.id)).toEqual([]);
      expect(await store().revokeApiKey(owner.id, key.id)).toBe(false);
      // A late touch of a revoked key does not recreate it.
      const now = new Date();
      await store().touchApiKey(owner.id, key.id, now, new Date(now.getTime() - 60_000));
      expect(await store().findApiKeyByHash(input.hash)).toBeNull();
      expect(await store().listApiKeys(owner.id)).toEqual([]);
      expect(await store().revokeApiKey(owner.id, "not-a-uuid")).toBe(false);
    });

    it("lists a person's own keys newest first, and everyone's for admins", async () => {
      const alice = await makeUser();
      const bob = await makeUser();
      const a1 = await store().createApiKey(newKey(alice.id, { name: "first" }));
      await new Promise((resolve) => setTimeout(resolve, 4));
      const a2 = await store().createApiKey(newKey(alice.id, { name: "second" }));
      const b1 = await store().createApiKey(newKey(bob.id, { name: "bob's" }));
      expect((await store().listApiKeys(alice.id)).map((k) => k.id)).toEqual([a2.id, a1.id]);
      expect((await store().listApiKeys(bob.id)).map((k) => k.id)).toEqual([b1.id]);
      expect(await store().listApiKeys(randomUUID())).toEqual([]);
      const all = await store().listAllApiKeys();
      const mine = all.filter((k) => [a1.id, a2.id, b1.id].includes(k.id));
      expect(mine.map((k) => k.id)).toEqual([b1.id, a2.id, a1.id]);
      expect(mine.find((k) => k.id === b1.id)).toEqual(b1);
    });

    it("removes a person's keys with the person", async () => {
      const user = await makeUser();
      const input = newKey(user.id);
      const key = await store().createApiKey(input);
      expect(await store().deleteUser(user.id)).toBe(true);
      expect(await store().findApiKeyByHash(input.hash)).toBeNull();
      expect((await store().listAllApiKeys()).some((k) => k.id === key.id)).toBe(false);
    });
  });
}
