import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/errors/api-error";
import type { ApiKey, Store } from "@/lib/store/types";

/**
 * Personal API keys: "pk_" and 256 random bits (base64url), shown once when
 * created. The store keeps only the SHA-256 of the key — enough for a secret
 * this random, and one index lookup per request — and its first characters,
 * so a person can tell their keys apart.
 */

export const API_KEY_MARK = "pk_";
const KEY_BYTES = 32;
/** The mark and seven characters: recognisable, and far too little to guess the rest from. */
const SHOWN_CHARS = API_KEY_MARK.length + 7;
export const MAX_KEY_NAME_CHARS = 80;
/** Keys a person may hold at once; each one is a way into their account. */
export const MAX_KEYS_PER_PERSON = 25;
/** How long a key may live when it expires at all. */
const MAX_EXPIRY_DAYS = 3650;

const KEY_PATTERN = /^pk_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** Whether a Bearer token could be one of our keys at all (anything else is refused without a lookup). */
export const looksLikeApiKey = (token: string): boolean => KEY_PATTERN.test(token);

/** The body of POST /api/api-keys. */
export const newKeySchema = z.strictObject({
  name: z
    .string("Give the key a name.")
    .trim()
    .min(1, "Give the key a name.")
    .max(MAX_KEY_NAME_CHARS, `The key name is too long (at most ${MAX_KEY_NAME_CHARS} characters).`),
  /** Null or left out: the key does not expire. */
  expiresInDays: z
    .number("expiresInDays must be a whole number of days.")
    .int("expiresInDays must be a whole number of days.")
    .min(1, "expiresInDays must be at least 1.")
    .max(MAX_EXPIRY_DAYS, `expiresInDays must be at most ${MAX_EXPIRY_DAYS}.`)
    .nullable()
    .optional(),
});

/** A key as the browser sees it: never the key itself. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export const apiKeyView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  expiresAt: key.expiresAt?.toISOString() ?? null,
});

export async function createApiKey(
  store: Store,
  userId: string,
  input: z.infer<typeof newKeySchema>,
  now = new Date(),
): Promise<{ key: ApiKeyView; secret: string }> {
  if ((await store.listApiKeys(userId)).length >= MAX_KEYS_PER_PERSON) {
    throw new ApiError(409, "too_many_api_keys", { max: MAX_KEYS_PER_PERSON });
  }
  const secret = `${API_KEY_MARK}${randomBytes(KEY_BYTES).toString("base64url")}`;
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const key = await store.createApiKey({ userId, name: input.name, prefix: secret.slice(0, SHOWN_CHARS), hash: hashApiKey(secret), expiresAt });
  return { key: apiKeyView(key), secret };
}

export async function revokeApiKey(store: Store, userId: string, id: string): Promise<void> {
  if (!(await store.revokeApiKey(userId, id))) throw new ApiError(404, "api_key_not_found");
}

/** Everyone's keys with their owners, for admins. */
export async function listEveryonesKeys(store: Store): Promise<Array<ApiKeyView & { owner: { id: string; name: string; email: string } | null }>> {
  const [keys, users] = await Promise.all([store.listAllApiKeys(), store.listUsers()]);
  const byId = new Map(users.map((user) => [user.id, user]));
  return keys.map((key) => {
    const owner = byId.get(key.userId);
    return { ...apiKeyView(key), owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null };
  });
}
