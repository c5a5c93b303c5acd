import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { InvitePurpose, Store } from "@/lib/store/types";
import { hashLinkToken, isLinkToken, tokenMatches } from "./tokens";

/** What the invite page shows for a link. */
export type LinkState =
  | { status: "ready"; purpose: InvitePurpose; email: string; name: string }
  | { status: "used" | "expired" | "invalid" };

export async function linkState(store: Store, token: string, now = new Date()): Promise<LinkState> {
  if (!isLinkToken(token)) return { status: "invalid" };
  const invite = await store.getInvite(hashLinkToken(token));
  // Found by its hash; compared again in constant time so that no timing of
  // the lookup itself decides.
  if (!invite || !tokenMatches(token, invite.tokenHash)) return { status: "invalid" };
  if (invite.usedAt) return { status: "used" };
  if (invite.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
  const user = await store.getUserById(invite.userId);
  if (!user) return { status: "invalid" };
  return { status: "ready", purpose: invite.purpose, email: user.email, name: user.name };
}

export type Redemption = { ok: true; email: string } | { ok: false; reason: "used" | "expired" | "replaced" | "invalid" };

/** Sets the person's password through the link, which is then used up. */
export async function redeemLink(store: Store, token: string, password: string, now = new Date()): Promise<Redemption> {
  const state = await linkState(store, token, now);
  if (state.status !== "ready") return { ok: false, reason: state.status };
  const result = await store.redeemInvite(hashLinkToken(token), await hashPassword(password), now);
  if (result.ok) return { ok: true, email: state.email };
  return { ok: false, reason: result.reason === "unknown" ? "invalid" : result.reason };
}
