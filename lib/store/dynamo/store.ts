import { listRecentMessages } from "./recent-messages";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

import type {
  ApiKey,
  AuditEntry,
  Conversation,
  DayUsage,
  LimitOverrides,
  ModelDayUsage,
  PersonLimits,
  PersonUsage,
  UsageEntry,
  ConversationMatch,
  FinishedReply,
  ImportedConversation,
  Message,
  DirectoryUser,
  Invite,
  InviteRedemption,
  NewAuditEntry,
  MessageAttachment,
  MessagePage,
  NewConversation,
  NewApiKey,
  NewInvite,
  NewMessage,
  NewUser,
  Page,
  Preset,
  ReplyProgress,
  Store,
  StoredSettings,
  TurnLease,
  TurnLeaseRefusal,
  User,
  UserRole,
  UserStatus,
  UserWithPassword,
} from "../types";
import * as apiKeys from "./api-keys";
import * as conversations from "./conversations";
import { Table } from "./table";
import * as limitsUsage from "./limits-usage";
import * as messages from "./messages";
import * as people from "./people";
import * as personal from "./personal";
import * as replies from "./replies";
import { searchConversations } from "./search";
import * as throttle from "./throttle";
import * as turnLeases from "./turn-leases";
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

  // Replies being written
  getMessage(userId: string, conversationId: string, messageId: string): Promise<Message | null> {
    return replies.getMessage(this.table, userId, conversationId, messageId);
  }
  saveReplyProgress(userId: string, conversationId: string, messageId: string, progress: ReplyProgress): Promise<boolean> {
    return replies.saveReplyProgress(this.table, userId, conversationId, messageId, progress);
  }
  finishReply(userId: string, conversationId: string, messageId: string, reply: FinishedReply): Promise<boolean> {
    return replies.finishReply(this.table, userId, conversationId, messageId, reply);
  }
  interruptReply(userId: string, conversationId: string, messageId: string, now: Date): Promise<boolean> {
    return replies.interruptReply(this.table, userId, conversationId, messageId, now);
  }
  replaceMessagesFrom(
    userId: string,
    conversationId: string,
    messageId: string,
    content: string,
    attachments: MessageAttachment[] = [],
  ): Promise<Message | null> {
    return replies.replaceMessagesFrom(this.table, userId, conversationId, messageId, content, attachments);
  }

  // Running turns
  acquireTurnLease(lease: TurnLease, now: Date = new Date()): Promise<TurnLeaseRefusal | null> {
    return turnLeases.acquireTurnLease(this.table, lease, now);
  }
  renewTurnLease(userId: string, turnId: string, until: Date): Promise<boolean> {
    return turnLeases.renewTurnLease(this.table, userId, turnId, until);
  }
  releaseTurnLease(userId: string, turnId: string): Promise<void> {
    return turnLeases.releaseTurnLease(this.table, userId, turnId);
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

  // ---- Limits and usage ----
  getDefaultLimits(): Promise<LimitOverrides | null> {
    return limitsUsage.getDefaultLimits(this.table);
  }
  saveDefaultLimits(limits: LimitOverrides): Promise<void> {
    return limitsUsage.saveDefaultLimits(this.table, limits);
  }
  getPersonLimits(userId: string): Promise<LimitOverrides | null> {
    return limitsUsage.getPersonLimits(this.table, userId);
  }
  savePersonLimits(userId: string, limits: LimitOverrides | null): Promise<void> {
    return limitsUsage.savePersonLimits(this.table, userId, limits);
  }
  listPersonLimits(): Promise<PersonLimits[]> {
    return limitsUsage.listPersonLimits(this.table);
  }
  takeHourlyReply(userId: string, hour: string, limit: number | null): Promise<number | null> {
    return limitsUsage.takeHourlyReply(this.table, userId, hour, limit);
  }
  countHourlyReplies(userId: string, hour: string): Promise<number> {
    return limitsUsage.countHourlyReplies(this.table, userId, hour);
  }
  recordUsage(entry: UsageEntry): Promise<void> {
    return limitsUsage.recordUsage(this.table, entry);
  }
  getPersonUsage(userId: string, fromDay: string, toDay: string): Promise<DayUsage[]> {
    return limitsUsage.getPersonUsage(this.table, userId, fromDay, toDay);
  }
  getModelUsage(fromDay: string, toDay: string): Promise<ModelDayUsage[]> {
    return limitsUsage.getModelUsage(this.table, fromDay, toDay);
  }
  getUsageByPerson(month: string): Promise<PersonUsage[]> {
    return limitsUsage.getUsageByPerson(this.table, month);
  }

  /** A read of a key that never exists: proves the table is reachable and readable. */
  // API keys
  createApiKey(input: NewApiKey): Promise<ApiKey> {
    return apiKeys.createApiKey(this.table, input);
  }
  findApiKeyByHash(hash: string): Promise<ApiKey | null> {
    return apiKeys.findApiKeyByHash(this.table, hash);
  }
  touchApiKey(userId: string, id: string, now: Date, staleBefore: Date): Promise<void> {
    return apiKeys.touchApiKey(this.table, userId, id, now, staleBefore);
  }
  revokeApiKey(userId: string, id: string): Promise<boolean> {
    return apiKeys.revokeApiKey(this.table, userId, id);
  }
  listApiKeys(userId: string): Promise<ApiKey[]> {
    return apiKeys.listApiKeys(this.table, userId);
  }
  listAllApiKeys(): Promise<ApiKey[]> {
    return apiKeys.listAllApiKeys(this.table);
  }

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
