import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Secrets of invite and reset links. The link carries 256 random bits; the
 * store keeps only their sha-256, so a leaked database holds no usable link.
 */

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const newLinkToken = (): string => randomBytes(32).toString("base64url");

/** Exactly the form newLinkToken makes (43 base64url characters); anything else names no link. */
export const isLinkToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

export const hashLinkToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashLinkToken(token), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A password hash no password matches (lib/auth/password.ts reads only
 * `scrypt$…`), unique per link: setting it ends the account's sessions and
 * its old password, and ties the link to this exact state of the account.
 */
export const lockedPasswordHash = (): string => `locked$${randomBytes(16).toString("base64url")}`;

export const invitePath = (token: string): string => `/invite/${token}`;
