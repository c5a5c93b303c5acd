import type { AuditEntry, NewAuditEntry, Store, User } from "@/lib/store/types";

/** What the audit log records; the admin area words each one. */
export const AUDIT_ACTIONS = [
  "user_added",
  "user_invited",
  "password_reset",
  "user_disabled",
  "user_enabled",
  "role_changed",
  "user_removed",
  "limits_changed",
  "person_limits_changed",
  "person_limits_removed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acts: a signed-in admin, or the operator at the command line (null). */
export type Actor = Pick<User, "id" | "email"> | null;

export function recordAudit(
  store: Store,
  actor: Actor,
  action: AuditAction,
  target: Pick<User, "id" | "email"> | null,
  detail: NewAuditEntry["detail"] = null,
): Promise<AuditEntry> {
  return store.appendAudit({
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    action,
    targetId: target?.id ?? null,
    targetEmail: target?.email ?? null,
    detail,
  });
}
