/**
 * A table written before the admin area existed: profiles without directory
 * index keys or statuses, and no admin count. The first directory read (or
 * admin change) brings it up to date; nothing is lost or counted wrong.
 */
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDynaliteStore } from "@/test-support/memory-store";
import { LastAdminError, type Store } from "../types";
import { accountCounterKey, emailKey, profileKey } from "./keys";
import { Table } from "./table";

describe("dynamo directory on a table from an earlier version", () => {
  let store: Store;
  let table: Table;

  beforeAll(async () => {
    const opened = await openDynaliteStore();
    store = opened.store;
    table = new Table(opened.emulator.client, opened.emulator.tableName);
  });
  afterAll(() => store?.close());

  /** An account exactly as the earlier version wrote it. */
  async function legacyAccount(name: string, role: "admin" | "user", createdAt: string) {
    const id = randomUUID();
    const email = `${name.toLowerCase()}-${id.slice(0, 6)}@example.com`;
    const fields = { id, email, name, role, createdAt };
    await table.put({ ...profileKey(id), kind: "user", ...fields });
    await table.put({ ...emailKey(email), kind: "login", userId: id, passwordHash: "h", ...fields });
    await table.update(accountCounterKey, { UpdateExpression: "ADD accounts :one", ExpressionAttributeValues: { ":one": 1 } });
    return { id, email };
  }

  it("lists the old accounts as active, and keeps the last admin rule with the admins it counted", async () => {
    const root = await legacyAccount("Root", "admin", "2025-01-01T00:00:00.000Z");
    const member = await legacyAccount("Member", "user", "2025-02-01T00:00:00.000Z");

    const page = await store.listUserDirectory({ limit: 10 });
    expect(page.items.map((u) => [u.id, u.status, u.lastActiveAt])).toEqual([
      [member.id, "active", null],
      [root.id, "active", null],
    ]);
    expect((await store.listUserDirectory({ limit: 10, query: "root" })).items.map((u) => u.id)).toEqual([root.id]);

    await expect(store.setUserRole(root.id, "user")).rejects.toBeInstanceOf(LastAdminError);
    await expect(store.setUserStatus(member.id, "disabled")).resolves.toMatchObject({ status: "disabled" });
    await store.setUserRole(member.id, "admin");
    await store.setUserStatus(member.id, "active");
    await expect(store.setUserRole(root.id, "user")).resolves.toMatchObject({ role: "user" });
    await expect(store.deleteUser(member.id)).rejects.toBeInstanceOf(LastAdminError);
  });
});
