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

// Attachments: files sent with a person's message. The message keeps what
// the chat shows of each; the bytes live in the blob store (lib/blobs) under
// the owner's prefix, found by id.
export interface MessageAttachment {
  id: string;
  /** The file's name as the person chose it. */
  name: string;
  /** The type decided from the file's content, e.g. "image/png", "application/pdf", "text/markdown". */
  mediaType: string;
  /** Bytes of the file as uploaded. */
  size: number;
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
  /** Files sent with the message, in the order attached; empty for most. */
  attachments: MessageAttachment[];
  createdAt: Date;
  /** A reply being written ("streaming"): the turn that writes it (Stop names it). Null otherwise. */
  turnId: string | null;
  /**
   * A reply being written: until when its writer is known to be alive (it
   * renews this with every save). Past it, the writer is gone and the reply
   * may be marked interrupted. Null once the reply has ended.
   */
  leaseUntil: Date | null;
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
  /** Only for a reply that starts out "streaming"; see Message. */
  turnId?: string | null;
  leaseUntil?: Date | null;
  attachments?: MessageAttachment[];
}

/** What a reply being written has so far, saved as it grows. */
export interface ReplyProgress {
  content: string;
  leaseUntil: Date;
}

/** How a reply ended. */
export interface FinishedReply {
  content: string;
  status: Exclude<MessageStatus, "streaming">;
  errorKind: ErrorKind | null;
  usage: TokenUsage | null;
  /** What a model that reasoned shared of it. */
  reasoning?: StoredReasoning | null;
}

/** Why a turn could not take its lease. */
export type TurnLeaseRefusal = "conversation_busy" | "too_many";

export interface TurnLease {
  userId: string;
  turnId: string;
  conversationId: string;
  /** The lease ends then unless renewed: a turn whose process died frees its place by itself. */
  until: Date;
  /** The person's running turns may not exceed this (this one included). */
  maxPerUser: number;
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

/**
 * A personal API key as the store keeps it: never the key itself, only its
 * SHA-256 hash (to look it up) and its first characters (to recognise it).
 * Revoking deletes it.
 */
export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  /** The key's first characters, e.g. "pk_3fJx9a", shown in lists. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Null never expires. */
  expiresAt: Date | null;
}

export interface NewApiKey {
  userId: string;
  name: string;
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  expiresAt: Date | null;
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

// ---- Limits and usage (see lib/limits, lib/usage) ----

/** The limits a person runs under; null is no limit. */
export interface LimitValues {
  tokensPerDay: number | null;
  repliesPerHour: number | null;
  repliesAtOnce: number | null;
}

/** Limits set in the admin area: a field left out follows the level below (environment, or the defaults). */
export type LimitOverrides = Partial<LimitValues>;

/** One person's own limits, as set by an admin. */
export interface PersonLimits {
  userId: string;
  limits: LimitOverrides;
  updatedAt: Date;
}

/** One reply's usage, added to the rollups of its person and model for its UTC day. */
export interface UsageEntry {
  userId: string;
  model: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost in billionths of a US dollar; 0 for a model without a known price. */
  costNanoUsd: number;
}

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  replies: number;
  costNanoUsd: number;
}

export interface DayUsage extends UsageTotals {
  day: string;
}

export interface ModelDayUsage extends DayUsage {
  model: string;
}

export interface PersonUsage extends UsageTotals {
  userId: string;
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

  // Replies being written. A reply is appended as soon as it starts, with
  // status "streaming", its turn and a lease (appendMessage); its text is
  // saved as it grows, and it ends with a final status. A reader decides from
  // the lease alone whether its writer is still alive, on any instance.
  /** One message of the person's conversation, or null. */
  getMessage(userId: string, conversationId: string, messageId: string): Promise<Message | null>;
  /**
   * Saves a streaming reply's text so far and renews its lease. False (and
   * nothing written) when it is no longer streaming or no longer exists.
   */
  saveReplyProgress(userId: string, conversationId: string, messageId: string, progress: ReplyProgress): Promise<boolean>;
  /**
   * Ends a reply that is streaming, or was marked interrupted while its writer
   * still had it: final text, status, error kind and usage; the lease is
   * cleared. False when the reply no longer exists.
   */
  finishReply(userId: string, conversationId: string, messageId: string, reply: FinishedReply): Promise<boolean>;
  /**
   * Marks a streaming reply whose lease ended before `now` as "interrupted",
   * keeping its text. False when it is not streaming or its lease still runs.
   */
  interruptReply(userId: string, conversationId: string, messageId: string, now: Date): Promise<boolean>;
  /**
   * Editing a message: replaces the person's message `messageId` and every
   * message after it with `content` (same id, status "complete"), as one
   * change: a reader sees the old messages or the new one, never neither.
   * Null when the message is not theirs or not a message of theirs at all.
   */
  replaceMessagesFrom(userId: string, conversationId: string, messageId: string, content: string, attachments?: MessageAttachment[]): Promise<Message | null>;

  // Running turns: leases that hold the chat's limits on every instance
  // (one reply at a time per conversation, a few at once per person).
  /** Takes the turn's lease atomically, unless a limit refuses it; expired leases do not count. */
  acquireTurnLease(lease: TurnLease, now?: Date): Promise<TurnLeaseRefusal | null>;
  /** Extends a lease; false when it is gone (released, or expired and taken over). */
  renewTurnLease(userId: string, turnId: string, until: Date): Promise<boolean>;
  releaseTurnLease(userId: string, turnId: string): Promise<void>;

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

  // API keys (personal keys for /api/v1). A key is found by its hash only;
  // everything else reads a person's own keys, or all of them for admins.
  createApiKey(input: NewApiKey): Promise<ApiKey>;
  findApiKeyByHash(hash: string): Promise<ApiKey | null>;
  /**
   * Records a use, only when the recorded one is older than `staleBefore`
   * (so a busy key writes about once a minute, not on every request).
   */
  touchApiKey(userId: string, id: string, now: Date, staleBefore: Date): Promise<void>;
  /** Ends the key at once; false when it is not theirs or already gone. */
  revokeApiKey(userId: string, id: string): Promise<boolean>;
  /** The person's keys, newest first. */
  listApiKeys(userId: string): Promise<ApiKey[]>;
  /** Everyone's keys, newest first (the admin view). */
  listAllApiKeys(): Promise<ApiKey[]>;
  // ---- Limits and usage ----
  // Counters are changed by single atomic operations (SQL: one upsert with a
  // check; DynamoDB: UpdateItem with ADD and a condition), so they hold
  // across processes and Lambda instances.
  /** Limits an admin set for everyone; null when none were ever saved (the environment's apply). */
  getDefaultLimits(): Promise<LimitOverrides | null>;
  saveDefaultLimits(limits: LimitOverrides): Promise<void>;
  getPersonLimits(userId: string): Promise<LimitOverrides | null>;
  /** Replaces the person's limits; null (or no field set) removes them. */
  savePersonLimits(userId: string, limits: LimitOverrides | null): Promise<void>;
  /** Everyone with limits of their own (possibly including removed accounts). */
  listPersonLimits(): Promise<PersonLimits[]>;
  /**
   * Counts one reply in the person's UTC hour (YYYY-MM-DDTHH) if fewer than
   * `limit` were counted there (null: no limit). Answers the count with this
   * one, or null when refused (nothing counted then).
   */
  takeHourlyReply(userId: string, hour: string, limit: number | null): Promise<number | null>;
  countHourlyReplies(userId: string, hour: string): Promise<number>;
  /** Adds one reply to its person-day, person-month and model-day rollups. */
  recordUsage(entry: UsageEntry): Promise<void>;
  /** The person's days from `fromDay` to `toDay` (inclusive) that have usage, oldest first. */
  getPersonUsage(userId: string, fromDay: string, toDay: string): Promise<DayUsage[]>;
  /** Every model's days from `fromDay` to `toDay` (inclusive) that have usage, by day then model. */
  getModelUsage(fromDay: string, toDay: string): Promise<ModelDayUsage[]>;
  /** Each person's totals for a UTC month (YYYY-MM), people without usage left out. */
  getUsageByPerson(month: string): Promise<PersonUsage[]>;

  /** Cheap round trip used by the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
