import { listRecentMessages } from "./recent-messages";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

import type {
  AuditEntry,
  Conversation,
  ConversationMatch,
  ImportedConversation,
  Message,
  DirectoryUser,
  Invite,
  InviteRedemption,
  NewAuditEntry,
  MessagePage,
  NewConversation,
  NewInvite,
  NewMessage,
  NewUser,
  Page,
  Preset,
  Store,
  StoredSettings,
  User,
  UserRole,
  UserStatus,
  UserWithPassword,
} from "../types";
import * as conversations from "./conversations";
import { Table } from "./table";
import * as messages from "./messages";
import * as people from "./people";
import * as personal from "./personal";
import { searchConversations } from "./search";
import * as throttle from "./throttle";
import * as users from "./users";

export interface DynamoStoreOptions {
  /** Destroy the client on close (only when the store created it). */
  ownsClient: boolean;
  /** Runs once, after the client is released (tests stop their emulator here). */
  onClose?: () => Promise<void>;
}

/** The Store port over one DynamoDB table; the work is in the modules beside it. */
export class DynamoStore implements Store {
  private readonly table: Table;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly client: DynamoDBClient,
    tableName: string,
    private readonly options: DynamoStoreOptions,
  ) {
    this.table = new Table(client, tableName);
  }

  countUsers(): Promise<number> {
    return users.countUsers(this.table);
  }
  createUser(input: NewUser): Promise<User> {
    return users.createUser(this.table, input);
  }
  createFirstUser(input: NewUser): Promise<User | null> {
    return users.createFirstUser(this.table, input);
  }
  getUserByEmail(email: string): Promise<UserWithPassword | null> {
    return users.getUserByEmail(this.table, email);
  }
  getUserById(id: string): Promise<User | null> {
    return users.getUserById(this.table, id);
  }
  listUsers(): Promise<User[]> {
    return users.listUsers(this.table);
  }
  deleteUser(id: string): Promise<boolean> {
    return users.deleteUser(this.table, id);
  }
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    return users.setPasswordHash(this.table, userId, passwordHash);
  }

  // ---- People administration ----
  listUserDirectory(options: { limit: number; cursor?: string | null; query?: string }): Promise<Page<DirectoryUser>> {
    return people.listUserDirectory(this.table, options);
  }
  recordUserActivity(userId: string, at: Date): Promise<void> {
    return people.recordUserActivity(this.table, userId, at);
  }
  setUserRole(userId: string, role: UserRole): Promise<User | null> {
    return people.setUserRole(this.table, userId, role);
  }
  setUserStatus(userId: string, status: UserStatus): Promise<User | null> {
    return people.setUserStatus(this.table, userId, status);
  }
  createInvite(input: NewInvite): Promise<Invite> {
    return people.createInvite(this.table, input);
  }
  getInvite(tokenHash: string): Promise<Invite | null> {
    return people.getInvite(this.table, tokenHash);
  }
  redeemInvite(tokenHash: string, passwordHash: string, now: Date): Promise<InviteRedemption> {
    return people.redeemInvite(this.table, tokenHash, passwordHash, now);
  }
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return people.appendAudit(this.table, entry);
  }
  listAudit(options: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>> {
    return people.listAudit(this.table, options);
  }

  createConversation(input: NewConversation): Promise<Conversation> {
    return conversations.createConversation(this.table, input);
  }
  getConversation(userId: string, id: string): Promise<Conversation | null> {
    return conversations.getConversation(this.table, userId, id);
  }
  listConversations(userId: string, options: { limit: number; cursor?: string | null }): Promise<Page<Conversation>> {
    return conversations.listConversations(this.table, userId, options);
  }
  renameConversation(userId: string, id: string, title: string, options?: { onlyIfTitle?: string }): Promise<boolean> {
    return conversations.renameConversation(this.table, userId, id, title, options);
  }
  setConversationSettings(userId: string, id: string, settings: StoredSettings | null): Promise<boolean> {
    return conversations.setConversationSettings(this.table, userId, id, settings);
  }
  searchConversations(userId: string, query: string, limit: number): Promise<ConversationMatch[]> {
    return searchConversations(this.table, userId, query, limit);
  }
  importConversation(input: ImportedConversation): Promise<Conversation> {
    return conversations.importConversation(this.table, input);
  }
  deleteConversation(userId: string, id: string): Promise<boolean> {
    return conversations.deleteConversation(this.table, userId, id);
  }

  appendMessage(userId: string, input: NewMessage): Promise<Message | null> {
    return messages.appendMessage(this.table, userId, input);
  }
  listMessages(userId: string, conversationId: string): Promise<Message[]> {
    return messages.listMessages(this.table, userId, conversationId);
  }
  listRecentMessages(userId: string, conversationId: string, options: { limit: number; before?: string }): Promise<MessagePage> {
    return listRecentMessages(this.table, userId, conversationId, options);
  }
  deleteMessage(userId: string, conversationId: string, messageId: string): Promise<boolean> {
    return messages.deleteMessage(this.table, userId, conversationId, messageId);
  }
  deleteMessagesFrom(userId: string, conversationId: string, messageId: string): Promise<number> {
    return messages.deleteMessagesFrom(this.table, userId, conversationId, messageId);
  }

  getSettings(userId: string): Promise<StoredSettings | null> {
    return personal.getSettings(this.table, userId);
  }
  saveSettings(userId: string, settings: StoredSettings): Promise<void> {
    return personal.saveSettings(this.table, userId, settings);
  }
  listPresets(userId: string): Promise<Preset[]> {
    return personal.listPresets(this.table, userId);
  }
  savePreset(userId: string, input: { id?: string; name: string; settings: StoredSettings }): Promise<Preset | null> {
    return personal.savePreset(this.table, userId, input);
  }
  deletePreset(userId: string, id: string): Promise<boolean> {
    return personal.deletePreset(this.table, userId, id);
  }
  requestStop(userId: string, turnId: string): Promise<void> {
    return personal.requestStop(this.table, userId, turnId);
  }
  isStopRequested(userId: string, turnId: string): Promise<boolean> {
    return personal.isStopRequested(this.table, userId, turnId);
  }

  recordLoginFailure(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    return throttle.recordLoginFailure(this.table, key, windowMs, now);
  }
  countLoginFailures(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    return throttle.countLoginFailures(this.table, key, windowMs, now);
  }
  clearLoginFailures(key: string): Promise<void> {
    return throttle.clearLoginFailures(this.table, key);
  }
  pruneLoginFailures(before: Date): Promise<void> {
    return throttle.pruneLoginFailures(this.table, before);
  }

  /** A read of a key that never exists: proves the table is reachable and readable. */
  async ping(): Promise<void> {
    await this.table.get({ pk: "PING", sk: "PING" }, { consistent: false });
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      if (this.options.ownsClient) this.client.destroy();
      await this.options.onClose?.();
    })();
    return this.closed;
  }
}
