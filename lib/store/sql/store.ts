import { listRecentMessages } from "./recent-messages";
import { sql } from "drizzle-orm";

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
import type { SqlDatabase } from "./database";
import * as limitsUsage from "./limits-usage";
import * as messages from "./messages";
import * as people from "./people";
import * as personal from "./personal";
import * as replies from "./replies";
import { searchConversations } from "./search";
import * as throttle from "./throttle";
import * as turnLeases from "./turn-leases";
import * as users from "./users";

export type { SqlDatabase } from "./database";

export interface SqlStoreOptions {
  /** Releases the connection(s); called once, by the first close(). */
  onClose?: () => Promise<void>;
}

/** The Store port over drizzle (PGlite or Postgres); the work is in the modules beside it. */
export class SqlStore implements Store {
  private closed: Promise<void> | null = null;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: SqlStoreOptions = {},
  ) {}

  countUsers(): Promise<number> {
    return users.countUsers(this.db);
  }
  createUser(input: NewUser): Promise<User> {
    return users.createUser(this.db, input);
  }
  createFirstUser(input: NewUser): Promise<User | null> {
    return users.createFirstUser(this.db, input);
  }
  getUserByEmail(email: string): Promise<UserWithPassword | null> {
    return users.getUserByEmail(this.db, email);
  }
  getUserById(id: string): Promise<User | null> {
    return users.getUserById(this.db, id);
  }
  listUsers(): Promise<User[]> {
    return users.listUsers(this.db);
  }
  deleteUser(id: string): Promise<boolean> {
    return users.deleteUser(this.db, id);
  }
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    return users.setPasswordHash(this.db, userId, passwordHash);
  }

  // ---- People administration ----
  listUserDirectory(options: { limit: number; cursor?: string | null; query?: string }): Promise<Page<DirectoryUser>> {
    return people.listUserDirectory(this.db, options);
  }
  recordUserActivity(userId: string, at: Date): Promise<void> {
    return people.recordUserActivity(this.db, userId, at);
  }
  setUserRole(userId: string, role: UserRole): Promise<User | null> {
    return people.setUserRole(this.db, userId, role);
  }
  setUserStatus(userId: string, status: UserStatus): Promise<User | null> {
    return people.setUserStatus(this.db, userId, status);
  }
  createInvite(input: NewInvite): Promise<Invite> {
    return people.createInvite(this.db, input);
  }
  getInvite(tokenHash: string): Promise<Invite | null> {
    return people.getInvite(this.db, tokenHash);
  }
  redeemInvite(tokenHash: string, passwordHash: string, now: Date): Promise<InviteRedemption> {
    return people.redeemInvite(this.db, tokenHash, passwordHash, now);
  }
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return people.appendAudit(this.db, entry);
  }
  listAudit(options: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>> {
    return people.listAudit(this.db, options);
  }

  createConversation(input: NewConversation): Promise<Conversation> {
    return conversations.createConversation(this.db, input);
  }
  getConversation(userId: string, id: string): Promise<Conversation | null> {
    return conversations.getConversation(this.db, userId, id);
  }
  listConversations(userId: string, options: { limit: number; cursor?: string | null }): Promise<Page<Conversation>> {
    return conversations.listConversations(this.db, userId, options);
  }
  renameConversation(userId: string, id: string, title: string, options?: { onlyIfTitle?: string }): Promise<boolean> {
    return conversations.renameConversation(this.db, userId, id, title, options);
  }
  setConversationSettings(userId: string, id: string, data: StoredSettings | null): Promise<boolean> {
    return conversations.setConversationSettings(this.db, userId, id, data);
  }
  searchConversations(userId: string, query: string, limit: number): Promise<ConversationMatch[]> {
    return searchConversations(this.db, userId, query, limit);
  }
  importConversation(input: ImportedConversation): Promise<Conversation> {
    return conversations.importConversation(this.db, input);
  }
  deleteConversation(userId: string, id: string): Promise<boolean> {
    return conversations.deleteConversation(this.db, userId, id);
  }

  appendMessage(userId: string, input: NewMessage): Promise<Message | null> {
    return messages.appendMessage(this.db, userId, input);
  }
  listMessages(userId: string, conversationId: string): Promise<Message[]> {
    return messages.listMessages(this.db, userId, conversationId);
  }
  listRecentMessages(userId: string, conversationId: string, options: { limit: number; before?: string }): Promise<MessagePage> {
    return listRecentMessages(this.db, userId, conversationId, options);
  }
  deleteMessage(userId: string, conversationId: string, messageId: string): Promise<boolean> {
    return messages.deleteMessage(this.db, userId, conversationId, messageId);
  }
  deleteMessagesFrom(userId: string, conversationId: string, messageId: string): Promise<number> {
    return messages.deleteMessagesFrom(this.db, userId, conversationId, messageId);
  }

  // Replies being written
  getMessage(userId: string, conversationId: string, messageId: string): Promise<Message | null> {
    return replies.getMessage(this.db, userId, conversationId, messageId);
  }
  saveReplyProgress(userId: string, conversationId: string, messageId: string, progress: ReplyProgress): Promise<boolean> {
    return replies.saveReplyProgress(this.db, userId, conversationId, messageId, progress);
  }
  finishReply(userId: string, conversationId: string, messageId: string, reply: FinishedReply): Promise<boolean> {
    return replies.finishReply(this.db, userId, conversationId, messageId, reply);
  }
  interruptReply(userId: string, conversationId: string, messageId: string, now: Date): Promise<boolean> {
    return replies.interruptReply(this.db, userId, conversationId, messageId, now);
  }
  replaceMessagesFrom(
    userId: string,
    conversationId: string,
    messageId: string,
    content: string,
    attachments: MessageAttachment[] = [],
  ): Promise<Message | null> {
    return replies.replaceMessagesFrom(this.db, userId, conversationId, messageId, content, attachments);
  }

  // Running turns
  acquireTurnLease(lease: TurnLease, now: Date = new Date()): Promise<TurnLeaseRefusal | null> {
    return turnLeases.acquireTurnLease(this.db, lease, now);
  }
  renewTurnLease(userId: string, turnId: string, until: Date): Promise<boolean> {
    return turnLeases.renewTurnLease(this.db, userId, turnId, until);
  }
  releaseTurnLease(userId: string, turnId: string): Promise<void> {
    return turnLeases.releaseTurnLease(this.db, userId, turnId);
  }

  getSettings(userId: string): Promise<StoredSettings | null> {
    return personal.getSettings(this.db, userId);
  }
  saveSettings(userId: string, data: StoredSettings): Promise<void> {
    return personal.saveSettings(this.db, userId, data);
  }
  listPresets(userId: string): Promise<Preset[]> {
    return personal.listPresets(this.db, userId);
  }
  savePreset(userId: string, input: { id?: string; name: string; settings: StoredSettings }): Promise<Preset | null> {
    return personal.savePreset(this.db, userId, input);
  }
  deletePreset(userId: string, id: string): Promise<boolean> {
    return personal.deletePreset(this.db, userId, id);
  }
  requestStop(userId: string, turnId: string): Promise<void> {
    return personal.requestStop(this.db, userId, turnId);
  }
  isStopRequested(userId: string, turnId: string): Promise<boolean> {
    return personal.isStopRequested(this.db, userId, turnId);
  }

  recordLoginFailure(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    return throttle.recordLoginFailure(this.db, key, windowMs, now);
  }
  countLoginFailures(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    return throttle.countLoginFailures(this.db, key, windowMs, now);
  }
  clearLoginFailures(key: string): Promise<void> {
    return throttle.clearLoginFailures(this.db, key);
  }
  pruneLoginFailures(before: Date): Promise<void> {
    return throttle.pruneLoginFailures(this.db, before);
  }

  // API keys
  createApiKey(input: NewApiKey): Promise<ApiKey> {
    return apiKeys.createApiKey(this.db, input);
  }
  findApiKeyByHash(hash: string): Promise<ApiKey | null> {
    return apiKeys.findApiKeyByHash(this.db, hash);
  }
  touchApiKey(userId: string, id: string, now: Date, staleBefore: Date): Promise<void> {
    return apiKeys.touchApiKey(this.db, userId, id, now, staleBefore);
  }
  revokeApiKey(userId: string, id: string): Promise<boolean> {
    return apiKeys.revokeApiKey(this.db, userId, id);
  }
  listApiKeys(userId: string): Promise<ApiKey[]> {
    return apiKeys.listApiKeys(this.db, userId);
  }
  listAllApiKeys(): Promise<ApiKey[]> {
    return apiKeys.listAllApiKeys(this.db);
  }

  // ---- Limits and usage ----
  getDefaultLimits(): Promise<LimitOverrides | null> {
    return limitsUsage.getDefaultLimits(this.db);
  }
  saveDefaultLimits(limits: LimitOverrides): Promise<void> {
    return limitsUsage.saveDefaultLimits(this.db, limits);
  }
  getPersonLimits(userId: string): Promise<LimitOverrides | null> {
    return limitsUsage.getPersonLimits(this.db, userId);
  }
  savePersonLimits(userId: string, limits: LimitOverrides | null): Promise<void> {
    return limitsUsage.savePersonLimits(this.db, userId, limits);
  }
  listPersonLimits(): Promise<PersonLimits[]> {
    return limitsUsage.listPersonLimits(this.db);
  }
  takeHourlyReply(userId: string, hour: string, limit: number | null): Promise<number | null> {
    return limitsUsage.takeHourlyReply(this.db, userId, hour, limit);
  }
  countHourlyReplies(userId: string, hour: string): Promise<number> {
    return limitsUsage.countHourlyReplies(this.db, userId, hour);
  }
  recordUsage(entry: UsageEntry): Promise<void> {
    return limitsUsage.recordUsage(this.db, entry);
  }
  getPersonUsage(userId: string, fromDay: string, toDay: string): Promise<DayUsage[]> {
    return limitsUsage.getPersonUsage(this.db, userId, fromDay, toDay);
  }
  getModelUsage(fromDay: string, toDay: string): Promise<ModelDayUsage[]> {
    return limitsUsage.getModelUsage(this.db, fromDay, toDay);
  }
  getUsageByPerson(month: string): Promise<PersonUsage[]> {
    return limitsUsage.getUsageByPerson(this.db, month);
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  close(): Promise<void> {
    this.closed ??= this.options.onClose?.() ?? Promise.resolve();
    return this.closed;
  }
}
