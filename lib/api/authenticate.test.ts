import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors/api-error";
import { memoryStoreForSuite, plainUsersForSuite } from "@/test-support/memory-store";
import { authenticateApiKey, MAX_KEY_FAILURES_PER_ADDRESS } from "./authenticate";
import { RetryLater } from "./errors";
import { createApiKey, hashApiKey, listEveryonesKeys, revokeApiKey } from "./keys";

const store = memoryStoreForSuite();
const users = plainUsersForSuite(store, "ann", "ben");
const fromHeader = { from: "header", name: "x-client" } as const;
const bearer = (token: string, address = "192.0.2.1") => new Headers({ authorization: `Bearer ${token}`, "x-client": address });

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("API keys", () => {
  it("are pk_ and 256 random bits, stored only as their hash, shown by their first characters", async () => {
    const { key, secret } = await createApiKey(store, users.ann.id, { name: "Bot" });
    expect(secret).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(3), "base64url")).toHaveLength(32);
    expect(key.prefix).toBe(secret.slice(0, 10));
    expect(JSON.stringify(await store.listApiKeys(users.ann.id))).not.toContain(secret.slice(10));
    expect((await store.findApiKeyByHash(hashApiKey(secret)))?.id).toBe(key.id);
  });

  it("authorise their owner, and record the use about once a minute", async () => {
    const { key, secret } = await createApiKey(store, users.ben.id, { name: "Bot" });
    const now = new Date();
    expect((await authenticateApiKey(store, bearer(secret), fromHeader, now)).id).toBe(users.ben.id);
    expect((await store.listApiKeys(users.ben.id)).find((k) => k.id === key.id)?.lastUsedAt).toEqual(now);
    await authenticateApiKey(store, bearer(secret), fromHeader, new Date(now.getTime() + 5_000));
    expect((await store.listApiKeys(users.ben.id)).find((k) => k.id === key.id)?.lastUsedAt).toEqual(now);
  });

  it("refuse a missing, malformed, unknown, expired or revoked key with 401", async () => {
    expect((await refusal(authenticateApiKey(store, new Headers(), fromHeader))).code).toBe("api_key_missing");
    const address = "192.0.2.10";
    for (const token of ["", "sk-openai", `pk_${"x".repeat(43)}`]) {
      const error = await refusal(authenticateApiKey(store, new Headers({ authorization: `Bearer ${token}`, "x-client": address }), fromHeader));
      expect([error.status, error.code]).toEqual([401, "api_key_invalid"]);
    }
    const { secret } = await createApiKey(store, users.ann.id, { name: "Short-lived", expiresInDays: 1 });
    const tomorrow = new Date(Date.now() + 86_400_000 + 1_000);
    expect((await refusal(authenticateApiKey(store, bearer(secret, address), fromHeader, tomorrow))).code).toBe("api_key_invalid");
    const revoked = await createApiKey(store, users.ann.id, { name: "Revoked" });
    await store.revokeApiKey(users.ann.id, revoked.key.id);
    expect((await refusal(authenticateApiKey(store, bearer(revoked.secret, address), fromHeader))).code).toBe("api_key_invalid");
  });

  it("refuse a disabled person's valid key with 403, and accept it again once they are enabled", async () => {
    const person = await store.createUser({ email: `dora-${Date.now()}@example.com`, name: "Dora", passwordHash: "hash", role: "user" });
    const { secret } = await createApiKey(store, person.id, { name: "Bot" });
    await store.setUserStatus(person.id, "disabled");
    const error = await refusal(authenticateApiKey(store, bearer(secret, "192.0.2.30"), fromHeader));
    expect([error.status, error.code]).toEqual([403, "account_disabled"]);
    await store.setUserStatus(person.id, "active");
    expect((await authenticateApiKey(store, bearer(secret, "192.0.2.30"), fromHeader)).id).toBe(person.id);
  });

  it("throttle an address after too many wrong keys, even for a right one, and only that address", async () => {
    const { secret } = await createApiKey(store, users.ann.id, { name: "Good" });
    const guesser = "198.51.100.7";
    for (let i = 0; i < MAX_KEY_FAILURES_PER_ADDRESS; i++) {
      expect((await refusal(authenticateApiKey(store, bearer(`pk_guess${i}`, guesser), fromHeader))).status).toBe(401);
    }
    const throttled = await refusal(authenticateApiKey(store, bearer(secret, guesser), fromHeader));
    expect(throttled).toBeInstanceOf(RetryLater);
    expect([throttled.status, throttled.code, (throttled as RetryLater).retryAfterSeconds]).toEqual([429, "api_key_throttled", 900]);
    expect((await authenticateApiKey(store, bearer(secret, "198.51.100.8"), fromHeader)).id).toBe(users.ann.id);
  });

  it("are limited per person", async () => {
    const person = await store.createUser({ email: "many@example.com", name: "Many", passwordHash: "x", role: "user" });
    for (let i = 0; i < 25; i++) await createApiKey(store, person.id, { name: `k${i}` });
    expect((await refusal(createApiKey(store, person.id, { name: "one more" }))).code).toBe("too_many_api_keys");
  });

  it("are listed with their owners for admins, who can revoke anyone's", async () => {
    const { key, secret } = await createApiKey(store, users.ben.id, { name: "Ben's bot" });
    const listed = (await listEveryonesKeys(store)).find((k) => k.id === key.id);
    expect(listed).toMatchObject({ name: "Ben's bot", owner: { id: users.ben.id, email: "ben@example.com" } });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(10));
    await revokeApiKey(store, users.ben.id, key.id);
    expect((await refusal(authenticateApiKey(store, bearer(secret, "203.0.113.9"), fromHeader))).code).toBe("api_key_invalid");
    expect((await refusal(revokeApiKey(store, users.ben.id, key.id))).status).toBe(404);
  });
});
