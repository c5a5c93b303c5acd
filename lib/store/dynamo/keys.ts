import { isUuid } from "@/lib/chat/ids";

/**
 * Every item's key in the single table. One place, so the layout can be read
 * at a glance:
 *
 * | item                | pk              | sk                          | gsi1pk       | gsi1sk              |
 * |---------------------|-----------------|-----------------------------|--------------|---------------------|
 * | user profile        | USERS           | USER#<userId>               | DIRECTORY    | <createdAt>#<userId> |
 * | account counter     | USERS           | #ACCOUNTS                   |              |                     |
 * | sign-in (by email)  | EMAIL#<email>   | EMAIL                       |              |                     |
 * | conversation        | USER#<userId>   | CONV#<id>                   | CONVS#<userId> | <updatedAt>#<id>  |
 * | message (head part) | USER#<userId>   | CONV#<id>#MSG#<seq>         |              |                     |
 * | message (more text) | USER#<userId>   | CONV#<id>#MSG#<seq>#<part>  |              |                     |
 * | settings            | USER#<userId>   | SETTINGS                    |              |                     |
 * | preset              | USER#<userId>   | PRESET#<id>                 |              |                     |
 * | stop request        | USER#<userId>   | STOP#<turnId>               |              |                     |
 * | running turns       | USER#<userId>   | TURNS                       |              |                     |
 * | id claim            | ID#<kind>#<id>  | OWNER                       |              |                     |
 * | API key (listed)    | USER#<userId>   | APIKEY#<id>                 | APIKEYS      | <createdAt>#<id>    |
 * | API key (look-up)   | APIKEY#<hash>   | APIKEY                      |              |                     |
 * | login failures      | LOGIN#<key>     | LOGIN                       |              |                     |
 * | prune watermark     | LOGINS          | PRUNED                      |              |                     |
 * | default limits      | LIMITS          | DEFAULT                     |              |                     |
 * | a person's limits   | LIMITS          | USER#<userId>               |              |                     |
 * | replies this hour   | USER#<userId>   | REPLIES#HOUR                |              |                     |
 * | person-day usage    | USER#<userId>   | USAGE#<YYYY-MM-DD>          |              |                     |
 * | person-month usage  | USAGE#<YYYY-MM> | PERSON#<userId>             |              |                     |
 * | model-day usage     | USAGE#<YYYY-MM> | MODEL#<YYYY-MM-DD>#<model>  |              |                     |
 * | invite link         | INVITE#<hash>   | INVITE                      | INVITES#<userId> | <createdAt>     |
 * | audit entry         | AUDIT           | <at>#<id>                   |              |                     |
 *
 * The account counter also counts active admins (`admins`), so "not the
 * last admin" is one conditional write; `directory` marks that every
 * profile carries its directory index keys (older tables are brought up to
 * date once, see people.ts).
 *
 * Everything a person owns lives in their own partition, so a conversation
 * with its messages is one Query, search reads only their partition, and
 * deleting them is one Query plus batch deletes. Ids are globally unique in
 * the port (as primary keys are in SQL), which a per-person partition cannot
 * check; claim items keyed by the id do. Limits and usage keys are built in
 * limits-usage.ts.
 */

// Lower-casing makes an upper-case spelling address the same item, as
// Postgres' uuid type does.
export const normaliseId = (value: string): string => value.toLowerCase();

export function requireUuid(value: string, what: string): string {
  if (!isUuid(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}.`);
  return normaliseId(value);
}

export interface Key {
  pk: string;
  sk: string;
}

export const USERS_PARTITION = "USERS";
export const PROFILE_PREFIX = "USER#";

export const profileKey = (userId: string): Key => ({ pk: USERS_PARTITION, sk: `${PROFILE_PREFIX}${userId}` });
export const accountCounterKey: Key = { pk: USERS_PARTITION, sk: "#ACCOUNTS" };
export const emailKey = (email: string): Key => ({ pk: `EMAIL#${email}`, sk: "EMAIL" });

export const userPartition = (userId: string): string => `USER#${userId}`;

export const CONVERSATION_PREFIX = "CONV#";
export const conversationKey = (userId: string, id: string): Key => ({
  pk: userPartition(userId),
  sk: `${CONVERSATION_PREFIX}${id}`,
});

/** The index partition listing a person's conversations by activity. */
export const activityPartition = (userId: string): string => `CONVS#${userId}`;
/** Sorts by activity, then id, like the sql adapter's (updated_at, id) keyset. */
export const activitySortKey = (updatedAt: string, id: string): string => `${updatedAt}#${id}`;

// Fixed widths make string order equal numeric order.
const SEQ_DIGITS = 12;
const PART_DIGITS = 4;

/** Prefix of every message item of a conversation (not the conversation item itself). */
export const messagesPrefix = (conversationId: string): string => `${CONVERSATION_PREFIX}${conversationId}#MSG#`;
/** The head item of a message: its fields and the first part of its text. */
export const messageSortKey = (conversationId: string, seq: number): string =>
  `${messagesPrefix(conversationId)}${String(seq).padStart(SEQ_DIGITS, "0")}`;
/** Further parts of a long text sort right after their head and before the next message. */
export const partSortKey = (conversationId: string, seq: number, part: number): string =>
  `${messageSortKey(conversationId, seq)}#${String(part).padStart(PART_DIGITS, "0")}`;
/** Greater than every message key of the conversation ('~' sorts after digits). */
export const messagesEnd = (conversationId: string): string => `${messagesPrefix(conversationId)}~`;

export const settingsKey = (userId: string): Key => ({ pk: userPartition(userId), sk: "SETTINGS" });

export const PRESET_PREFIX = "PRESET#";
export const presetKey = (userId: string, id: string): Key => ({ pk: userPartition(userId), sk: `${PRESET_PREFIX}${id}` });

export const stopKey = (userId: string, turnId: string): Key => ({ pk: userPartition(userId), sk: `STOP#${turnId}` });

/** The person's running turns (leases), one item: see turn-leases.ts. */
export const turnsKey = (userId: string): Key => ({ pk: userPartition(userId), sk: "TURNS" });

export type ClaimKind = "CONV" | "MSG" | "PRESET";
export const claimKey = (kind: ClaimKind, id: string): Key => ({ pk: `ID#${kind}#${id}`, sk: "OWNER" });

export const loginKey = (key: string): Key => ({ pk: `LOGIN#${key}`, sk: "LOGIN" });
export const pruneWatermarkKey: Key = { pk: "LOGINS", sk: "PRUNED" };

// Personal API keys (see api-keys.ts).
export const API_KEY_PREFIX = "APIKEY#";
export const apiKeyKey = (userId: string, id: string): Key => ({ pk: userPartition(userId), sk: `${API_KEY_PREFIX}${id}` });
export const apiKeyHashKey = (hash: string): Key => ({ pk: `${API_KEY_PREFIX}${hash}`, sk: "APIKEY" });
/** The index partition listing everyone's keys, for the admin view. */
export const ALL_API_KEYS_PARTITION = "APIKEYS";
// ---- People administration ----
/** The index partition listing every profile, newest account first. */
export const DIRECTORY_PARTITION = "DIRECTORY";
export const directorySortKey = (createdAt: string, userId: string): string => `${createdAt}#${userId}`;
export const inviteKey = (tokenHash: string): Key => ({ pk: `INVITE#${tokenHash}`, sk: "INVITE" });
/** The index partition listing a person's invite links, so removing them finds every one. */
export const invitesPartition = (userId: string): string => `INVITES#${userId}`;
export const AUDIT_PARTITION = "AUDIT";
export const auditSortKey = (at: string, id: string): string => `${at}#${id}`;
