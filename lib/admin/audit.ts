import "server-only";
import type { Store } from "@/lib/store/types";

/**
 * One admin action (who did what, to whom, when), reported in one place so
 * every admin change goes to the audit log the same way. Until the store
 * keeps an audit log, the record is one JSON line in the server's log.
 */
export interface AdminAction {
  actorId: string;
  /** e.g. "limits.defaults", "limits.person", "limits.person.removed" */
  action: string;
  /** The person acted on, if any. */
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAdminAction(_store: Store, action: AdminAction, at = new Date()): Promise<void> {
  console.info(JSON.stringify({ audit: { ...action, targetId: action.targetId ?? null, at: at.toISOString() } }));
}
