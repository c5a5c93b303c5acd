import type {
  AuditEntry,
  Conversation,
  DirectoryUser,
  Invite,
  InvitePurpose,
  MessageAttachment,
  ErrorKind,
  Message,
  MessageRole,
  MessageStatus,
  Preset,
  StoredSettings,
  User,
  UserRole,
  UserStatus,
  UserWithPassword,
} from "../types";
import type { Item } from "./table";

/**
 * Items to port values and back. Times are ISO strings (millisecond
 * precision, so a Date read back equals the one written, and they sort as
 * strings). Opaque settings are stored as a JSON string, so exactly what was
 * saved comes back (a DynamoDB map would need care with empty values).
 */

export const iso = (date: Date): string => date.toISOString();

const str = (item: Item, name: string): string => {
  const value = item[name];
  if (typeof value !== "string") throw new Error(`Stored item ${String(item.sk)} lacks the text attribute "${name}".`);
  return value;
};

const num = (item: Item, name: string): number => {
  const value = item[name];
  if (typeof value !== "number") throw new Error(`Stored item ${String(item.sk)} lacks the number attribute "${name}".`);
  return value;
};

const optionalStr = (item: Item, name: string): string | null => {
  const value = item[name];
  return typeof value === "string" ? value : null;
};

const date = (item: Item, name: string): Date => new Date(str(item, name));

export const encodeSettings = (settings: StoredSettings | null | undefined): string | undefined =>
  settings == null ? undefined : JSON.stringify(settings);

const decodeSettings = (item: Item, name: string): StoredSettings | null => {
  const value = optionalStr(item, name);
  return value === null ? null : (JSON.parse(value) as StoredSettings);
};

/**
 * The fields a profile and a sign-in item share. Role and status change
 * (lib/store/dynamo/people.ts writes both items); the rest never does.
 */
export const userFields = (user: User): Item => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  status: user.status,
  createdAt: iso(user.createdAt),
});

export const toUser = (item: Item): User => ({
  id: str(item, "id"),
  email: str(item, "email"),
  name: str(item, "name"),
  role: str(item, "role") as UserRole,
  // Accounts written before statuses existed are active.
  status: (optionalStr(item, "status") ?? "active") as UserStatus,
  createdAt: date(item, "createdAt"),
});

export const toDirectoryUser = (item: Item): DirectoryUser => {
  const lastActiveAt = optionalStr(item, "lastActiveAt");
  return { ...toUser(item), lastActiveAt: lastActiveAt === null ? null : new Date(lastActiveAt) };
};

export const toInvite = (item: Item): Invite => {
  const usedAt = optionalStr(item, "usedAt");
  return {
    tokenHash: str(item, "tokenHash"),
    userId: str(item, "userId"),
    purpose: str(item, "purpose") as InvitePurpose,
    createdAt: date(item, "createdAt"),
    expiresAt: date(item, "expiresOn"),
    usedAt: usedAt === null ? null : new Date(usedAt),
  };
};

export const toAuditEntry = (item: Item): AuditEntry => ({
  id: str(item, "id"),
  at: date(item, "at"),
  actorId: optionalStr(item, "actorId"),
  actorEmail: optionalStr(item, "actorEmail"),
  action: str(item, "action"),
  targetId: optionalStr(item, "targetId"),
  targetEmail: optionalStr(item, "targetEmail"),
  detail: decodeSettings(item, "detail"),
});

export const toUserWithPassword = (item: Item): UserWithPassword => ({
  ...toUser(item),
  passwordHash: str(item, "passwordHash"),
});

export const toConversation = (item: Item): Conversation => ({
  id: str(item, "id"),
  userId: str(item, "userId"),
  title: str(item, "title"),
  createdAt: date(item, "createdAt"),
  updatedAt: date(item, "updatedAt"),
  settings: decodeSettings(item, "settings"),
});

/**
 * A message from its head item and its full stored text (already joined from
 * its parts): a reply's reasoning, when it has one, then its content.
 */
export const toMessage = (head: Item, text: string): Message => {
  const promptTokens = head.promptTokens;
  const completionTokens = head.completionTokens;
  const reasoningTokens = head.reasoningTokens;
  const reasoningChars = typeof head.reasoningChars === "number" ? head.reasoningChars : null;
  return {
    id: str(head, "id"),
    conversationId: str(head, "conversationId"),
    role: str(head, "role") as MessageRole,
    content: reasoningChars === null ? text : text.slice(reasoningChars),
    status: str(head, "status") as MessageStatus,
    errorKind: optionalStr(head, "errorKind") as ErrorKind | null,
    model: optionalStr(head, "model"),
    usage:
      typeof promptTokens === "number" && typeof completionTokens === "number"
        ? { promptTokens, completionTokens, ...(typeof reasoningTokens === "number" ? { reasoningTokens } : {}) }
        : null,
    ...(reasoningChars === null
      ? {}
      : { reasoning: { text: text.slice(0, reasoningChars), durationMs: typeof head.reasoningMs === "number" ? head.reasoningMs : null } }),
    attachments: decodeAttachments(head),
    createdAt: date(head, "createdAt"),
    turnId: optionalStr(head, "turnId"),
    leaseUntil: optionalStr(head, "leaseUntil") === null ? null : date(head, "leaseUntil"),
  };
};

/** Attachments as a JSON string, like settings; absent when there are none. */
export const encodeAttachments = (attachments: MessageAttachment[] | undefined): string | undefined =>
  attachments?.length ? JSON.stringify(attachments) : undefined;

const decodeAttachments = (head: Item): MessageAttachment[] => {
  const value = optionalStr(head, "attachments");
  return value === null ? [] : (JSON.parse(value) as MessageAttachment[]);
};

export const toPreset = (item: Item): Preset => ({
  id: str(item, "id"),
  userId: str(item, "userId"),
  name: str(item, "name"),
  settings: decodeSettings(item, "settings") ?? {},
  createdAt: date(item, "createdAt"),
  updatedAt: date(item, "updatedAt"),
});

export const toSettings = (item: Item): StoredSettings | null => decodeSettings(item, "data");

export const seqOf = (item: Item): number => num(item, "seq");
