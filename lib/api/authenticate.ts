import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import type { ClientAddressSource } from "@/lib/config";
import { FORWARDED_AUTHORIZATION_HEADER } from "@/lib/config/forwarded-authorization";
import { ApiError } from "@/lib/errors/api-error";
import type { Store, User } from "@/lib/store/types";
import { RetryLater } from "./errors";
import { hashApiKey, looksLikeApiKey } from "./keys";

/**
 * Who an /api/v1 request acts for: the owner of the key in its
 * Authorization header, and nothing else (a session cookie does not count,
 * so a page elsewhere cannot make a signed-in browser call the API).
 *
 * Wrong keys are counted per client address in the store (so the limit holds
 * on every instance); past the limit the address is refused before any key is
 * looked at, so it cannot keep guessing. A key is 256 random bits, so the
 * limit is about noise and load more than odds.
 */

export const KEY_FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_KEY_FAILURES_PER_ADDRESS = 20;
/** A key's "last used" is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;

const failureKey = (address: string | null) => `apikey:${address ?? "unknown"}`;

function bearerToken(headers: Headers): string | null {
  // Behind CloudFront, GET requests arrive with the copy only (see forwarded-authorization.ts).
  const header = headers.get("authorization") ?? headers.get(FORWARDED_AUTHORIZATION_HEADER);
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}

export async function authenticateApiKey(
  store: Store,
  headers: Headers,
  source: ClientAddressSource,
  now = new Date(),
): Promise<User> {
  const token = bearerToken(headers);
  if (token === null) throw new ApiError(401, "api_key_missing");
  const address = clientAddress(headers, source);
  const well = looksLikeApiKey(token);
  const [failures, key] = await Promise.all([
    store.countLoginFailures(failureKey(address), KEY_FAILURE_WINDOW_MS, now),
    well ? store.findApiKeyByHash(hashApiKey(token)) : Promise.resolve(null),
  ]);
  if (failures >= MAX_KEY_FAILURES_PER_ADDRESS) throw throttled();

  const valid = key && (!key.expiresAt || key.expiresAt > now);
  const user = valid ? await store.getUserById(key.userId) : null;
  if (!key || !user) {
    const [count] = await Promise.all([
      store.recordLoginFailure(failureKey(address), KEY_FAILURE_WINDOW_MS, now),
      store.pruneLoginFailures(new Date(now.getTime() - KEY_FAILURE_WINDOW_MS)),
    ]);
    if (count > MAX_KEY_FAILURES_PER_ADDRESS) throw throttled();
    throw new ApiError(401, "api_key_invalid");
  }
  // A valid key of a disabled account: the key is right, the person may not use Parley.
  if (user.status === "disabled") throw new ApiError(403, "account_disabled");
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await store.touchApiKey(key.userId, key.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  }
  return user;
}

function throttled(): RetryLater {
  const minutes = KEY_FAILURE_WINDOW_MS / 60_000;
  return new RetryLater(429, "api_key_throttled", { minutes }, KEY_FAILURE_WINDOW_MS / 1000);
}
