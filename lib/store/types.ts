import type { ErrorKind, MessageStatus, TokenUsage } from "@/lib/chat/types";

/**
 * The storage port. Every persistence need of Parley goes through `Store`;
 * adapters (sql: PGlite/Postgres; dynamo: DynamoDB) implement it and nothing
 * outside lib/store sees an adapter type.
 *
 * Conventions every adapter honours:
 * - Ids are strings (UUIDs) chosen by the caller or the adapter.
 * - Conversation reads and writes take the owner's userId; a conversation that
 *   belongs to someone else behaves exactly like one that does not exist.
 * - Emails are stored and compared lower-cased.
 */

export type { ErrorKind, MessageStatus, TokenUsage };

export type UserRole = "admin" | "user";

/** A disabled account cannot sign in, and its sessions end at their next request. */
export type UserStatus = "active" | "disabled";

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  createdAt: Date;
}

export interface UserWithPassword extends User {
  passwordHash: string;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
}

// ---- People administration: the user directory, invite links, the audit log ----

/** An account as the admin area's user table shows it. */
export interface DirectoryUser extends User {
  /** When the person last used Parley (signed in or made a request); null if never. */
  lastActiveAt: Date | null;
}

/** "invite" for a new account, "reset" for a password reset; both let the person choose a password. */
export type InvitePurpose = "invite" | "reset";

export interface NewInvite {
  /** sha-256 of the link's secret, hex; the secret itself is never stored. */
  tokenHash: string;
  userId: string;
  purpose: InvitePurpose;
  expiresAt: Date;
  /**
   * The unusable password hash the account was given when the link was made.
   * Redeeming works only while the account still has it, so a newer link (or
   * a password set any other way) makes this one void.
   */
  lockedHash: string;
}

export interface Invite {
  tokenHash: string;
  userId: string;
  purpose: InvitePurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type InviteRedemption =
  | { ok: true; userId: string }
  | { ok: false; reason: "unknown" | "used" | "expired" | "replaced" };

/** One admin action. Emails are copied in, so the entry still reads right after a removal. */
export interface AuditEntry {
  id: string;
  at: Date;
  /** Null for the command line (the operator's shell). */
  actorId: string | null;
  actorEmail: string | null;
  /** What was done, e.g. "user_added" (lib/admin/audit.ts names them). */
  action: string;
  targetId: string | null;
  targetEmail: string | null;
  /** A small JSON object saying more (e.g. the new role); opaque to the store. */
  detail: Record<string, unknown> | null;
}

export type NewAuditEntry = Omit<AuditEntry, "id" | "at"> & { at?: Date };

/** The change would leave Parley without an active administrator. */
export class LastAdminError extends Error {
  constructor() {
    super("This is the last active administrator: make someone else an admin first.");
    this.name = "LastAdminError";
  }
}

export type MessageRole = "user" | "assistant";

/**
 * What a reasoning model shared of its thinking for a reply (a summary, or
 * its thinking aloud; empty when it showed only that it thought) and how
 * long it thought. Kept for the person to read; never sent back to a model.
 */
export interface StoredReasoning {
  text: string;
  /** From the first sign of reasoning to the first word of the answer (or the end). */
  durationMs: number | null;
}

export interface Message {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  errorKind: ErrorKind | null;
  model: string | null;
  usage: TokenUsage | null;
  /** Present only on replies of a model that reasoned. */
  reasoning?: StoredReasoning;
  createdAt: Date;
}

export interface MessagePage {
  items: Message[];
  earlier: string | null;
}

export interface NewMessage {
  id?: string;
  /** Defaults to now; set when importing a conversation exported earlier. */
  createdAt?: Date;
  conversationId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  errorKind?: ErrorKind | null;
  model?: string | null;
  usage?: TokenUsage | null;
  reasoning?: StoredReasoning | null;
}

export interface Conversation {
  id: string;
  userId: string;
  title: string;
  createdAt: Date;
  /** Last activity; conversation lists are ordered by it, newest first. */
  updatedAt: Date;
  /**
   * This conversation's override of the person's model settings, as an opaque
   * JSON object (lib/settings validates it); null follows their defaults.
   */
  settings: StoredSettings | null;
}

export interface NewConversation {
  id?: string;
  userId: string;
  title: string;
  settings?: StoredSettings | null;
}

/** A conversation found by a search, with a short excerpt of where the text matched. */
export interface ConversationMatch {
  conversation: Conversation;
  /** The matching message text around the match, or null when only the title matched. */
  snippet: string | null;
}

/** A person's named set of settings (a persona): system prompt plus parameters. */
export interface Preset {
  id: string;
  userId: string;
  name: string;
  settings: StoredSettings;
  createdAt: Date;
  updatedAt: Date;
}

/** A whole conversation written at once, e.g. from an export file. */
export interface ImportedConversation {
  userId: string;
  title: string;
  settings?: StoredSettings | null;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first; each gets a fresh id. */
  messages: Array<Omit<NewMessage, "id" | "conversationId"> & { createdAt: Date }>;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

/** Settings are stored as an opaque JSON object; lib/settings validates them. */
export type StoredSettings = Record<string, unknown>;

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`An account with the email ${email} already exists.`);
    this.name = "EmailTakenError";
  }
}

/** A conversation id is already used (possibly by another person). */
export class ConversationExistsError extends Error {
  constructor() {
    super("A conversation with this id already exists.");
    this.name = "ConversationExistsError";
  }
}

/** A message id is already used. */
export class MessageExistsError extends Error {
  constructor() {
    super("A message with this id already exists.");
    this.name = "MessageExistsError";
  }
}

/** A pagination cursor that this store did not issue. */
export class InvalidCursorError extends Error {
  constructor() {
    super("Invalid pagination cursor.");
    this.name = "InvalidCursorError";
  }
}

export interface Store {
  // Users
  countUsers(): Promise<number>;
  /** Throws EmailTakenError when the email is in use. */
  createUser(input: NewUser): Promise<User>;
  /**
   * Creates the account only if no account exists yet, atomically (two
   * concurrent first-run submissions cannot both succeed). Null otherwise.
   */
  createFirstUser(input: NewUser): Promise<User | null>;
  getUserByEmail(email: string): Promise<UserWithPassword | null>;
  getUserById(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /**
   * Removes the user with their conversations, messages, settings, presets
   * and invite links. Throws LastAdminError for the last active admin.
   */
  deleteUser(id: string): Promise<boolean>;
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;

  // ---- People administration (admin area and command line) ----
  /**
   * Everyone, newest account first, cursor-paginated; `query` keeps those
   * whose name or email contains it, ignoring case. A foreign cursor throws
   * InvalidCursorError. (DynamoDB: one index partition, never a Scan.)
   */
  listUserDirectory(options: { limit: number; cursor?: string | null; query?: string }): Promise<Page<DirectoryUser>>;
  /** Notes that the person used Parley at `at` (the directory's "last active"). */
  recordUserActivity(userId: string, at: Date): Promise<void>;
  /**
   * Change one account's role or status; null when there is no such account.
   * Throws LastAdminError, deciding atomically, when no active admin would be left.
   */
  setUserRole(userId: string, role: UserRole): Promise<User | null>;
  setUserStatus(userId: string, status: UserStatus): Promise<User | null>;
  createInvite(input: NewInvite): Promise<Invite>;
  getInvite(tokenHash: string): Promise<Invite | null>;
  /**
   * Uses the link once, atomically (of concurrent attempts exactly one gets
   * through), and sets the password hash: only while the link is unused,
   * unexpired at `now`, and the account still has the link's lockedHash.
   */
  redeemInvite(tokenHash: string, passwordHash: string, now: Date): Promise<InviteRedemption>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, cursor-paginated; a foreign cursor throws InvalidCursorError. */
  listAudit(options: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>>;

  // Conversations
  /** Throws ConversationExistsError when the id is taken. */
  createConversation(input: NewConversation): Promise<Conversation>;
  getConversation(userId: string, id: string): Promise<Conversation | null>;
  /** Newest activity first, cursor-paginated; a foreign cursor throws InvalidCursorError. */
  listConversations(
    userId: string,
    options: { limit: number; cursor?: string | null },
  ): Promise<Page<Conversation>>;
  /**
   * With `onlyIfTitle`, renames only while the title is still exactly that
   * (a generated title must not overwrite one the person chose meanwhile).
   */
  renameConversation(
    userId: string,
    id: string,
    title: string,
    options?: { onlyIfTitle?: string },
  ): Promise<boolean>;
  /** Sets (or, with null, clears) the conversation's settings override. Does not count as activity. */
  setConversationSettings(
    userId: string,
    id: string,
    settings: StoredSettings | null,
  ): Promise<boolean>;
  /**
   * The person's conversations whose title or any message contains `query`,
   * ignoring case; each conversation once, newest activity first, at most
   * `limit` of them. Reads only that person's data.
   */
  searchConversations(userId: string, query: string, limit: number): Promise<ConversationMatch[]>;
  /** Writes the conversation and all its messages (fresh ids) and returns it. */
  importConversation(input: ImportedConversation): Promise<Conversation>;
  /** Removes the conversation and its messages. */
  deleteConversation(userId: string, id: string): Promise<boolean>;

  // Messages
  /**
   * Appends to a conversation the user owns and bumps its updatedAt.
   * Returns null when the conversation is not theirs (or does not exist);
   * throws MessageExistsError when the id is taken.
   */
  appendMessage(userId: string, input: NewMessage): Promise<Message | null>;
  /** Oldest first; empty when the conversation is not theirs. */
  listMessages(userId: string, conversationId: string): Promise<Message[]>;
  /**
   * The newest `limit` messages, or the `limit` before `before` (a cursor
   * from an earlier page), oldest first, with the cursor for the messages
   * before them (null when these are the first). Empty when the conversation
   * is not theirs; a cursor the store did not issue throws InvalidCursorError.
   */
  listRecentMessages(userId: string, conversationId: string, options: { limit: number; before?: string }): Promise<MessagePage>;
  deleteMessage(userId: string, conversationId: string, messageId: string): Promise<boolean>;
  /**
   * Removes the message and every message appended after it (editing a
   * message replaces what followed it). Returns how many were removed; 0 when
   * the message or the conversation is not theirs.
   */
  deleteMessagesFrom(userId: string, conversationId: string, messageId: string): Promise<number>;

  // Settings
  getSettings(userId: string): Promise<StoredSettings | null>;
  saveSettings(userId: string, settings: StoredSettings): Promise<void>;

  // Presets
  /** The person's own presets, by name (case-insensitive). */
  listPresets(userId: string): Promise<Preset[]>;
  /**
   * Creates a preset (no id, or an unused one) or replaces one of the person's
   * own. Null when the id belongs to someone else.
   */
  savePreset(
    userId: string,
    input: { id?: string; name: string; settings: StoredSettings },
  ): Promise<Preset | null>;
  deletePreset(userId: string, id: string): Promise<boolean>;

  // Stopping a reply from another server instance (serverless): the instance
  // generating the reply polls for the flag. Flags older than a day may be forgotten.
  requestStop(userId: string, turnId: string): Promise<void>;
  isStopRequested(userId: string, turnId: string): Promise<boolean>;

  // Sign-in throttling: failures counted per key in a fixed window.
  /** Records one failure and returns the failures in the current window. */
  recordLoginFailure(key: string, windowMs: number, now?: Date): Promise<number>;
  countLoginFailures(key: string, windowMs: number, now?: Date): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;
  /** Forgets windows that started before `before`, so guesses at random emails do not pile up. */
  pruneLoginFailures(before: Date): Promise<void>;

  /** Cheap round trip used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
