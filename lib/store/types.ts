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

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
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

export type MessageRole = "user" | "assistant";

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
  /** Files sent with the message, in the order attached; empty for most. */
  attachments: MessageAttachment[];
  createdAt: Date;
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
  attachments?: MessageAttachment[];
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
  /** Removes the user with their conversations, messages and settings. */
  deleteUser(id: string): Promise<boolean>;
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;

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
