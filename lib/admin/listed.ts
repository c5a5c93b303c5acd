import type { UserRole, UserStatus } from "@/lib/store/types";

/** What the browser gets of a person and of an audit entry (no server-only imports: components use these types). */
export interface ListedPerson {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  createdAt: string;
  lastActiveAt: string | null;
}

export interface ListedAuditEntry {
  id: string;
  at: string;
  /** Null: the command line. */
  actorEmail: string | null;
  action: string;
  targetEmail: string | null;
  detail: Record<string, unknown> | null;
}

/** Answer of creating an account or a reset link: the link's path and when it expires. */
export interface IssuedLinkBody {
  user: { id: string; email: string };
  path: string;
  expiresAt: string;
}
