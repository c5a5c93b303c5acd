/**
 * The storage port. Every persistence need of Parley goes through `Store`;
 * adapters (sql: PGlite/Postgres, later dynamo) implement it and nothing
 * outside lib/store sees an adapter type.
 *
 * Conventions every adapter honours:
 * - Ids are strings (UUIDs) chosen by the caller or the adapter.
 * - Conversation reads and writes take the owner's userId; a conversation that
 *   belongs to someone else behaves exactly like one that does not exist.
 * - Emails are stored and compared lower-cased.
 */

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

export type MessageStatus = "complete" | "stopped" | "error";

/** Why a reply failed; stored with replies whose status is "error". */
export type ErrorKind =
  | "not_configured"
  | "auth"
  | "model_not_found"
  | "rate_limit"
  | "quota"
  | "content_filter"
  | "context_length"
  | "bad_request"
  | "provider"
  | "timeout"
  | "network"
  | "interrupted";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
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
  createdAt: Date;
}

export interface NewMessage {
  id?: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  errorKind?: ErrorKind | null;
  model?: string | null;
  usage?: TokenUsage | null;
}

export interface Conversation {
  id: string;
  userId: string;
  title: string;
  createdAt: Date;
  /** Last activity; conversation lists are ordered by it, newest first. */
  updatedAt: Date;
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
  createConversation(input: {
    id?: string;
    userId: string;
    title: string;
  }): Promise<Conversation>;
  getConversation(userId: string, id: string): Promise<Conversation | null>;
  /** Newest activity first, cursor-paginated; a foreign cursor throws InvalidCursorError. */
  listConversations(
    userId: string,
    options: { limit: number; cursor?: string | null },
  ): Promise<Page<Conversation>>;
  renameConversation(userId: string, id: string, title: string): Promise<boolean>;
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

  // Settings
  getSettings(userId: string): Promise<StoredSettings | null>;
  saveSettings(userId: string, settings: StoredSettings): Promise<void>;

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
