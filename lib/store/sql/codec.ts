import type { AuditEntry, Conversation, DirectoryUser, Invite, Message, NewMessage, Preset, User } from "../types";
import type { auditLog, conversations, invites, messages, presets, users } from "./schema";

// Postgres text cannot hold U+0000. A model reply containing one must still be
// saved ("nothing is lost"), so it is stored as U+FFFD, as invalid UTF-16 is.
export const storableText = (value: string): string =>
  value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;

type UserRow = typeof users.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;
type PresetRow = typeof presets.$inferSelect;

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  status: row.status,
  createdAt: row.createdAt,
});

export const toDirectoryUser = (row: UserRow): DirectoryUser => ({ ...toUser(row), lastActiveAt: row.lastActiveAt ?? null });

export const toInvite = (row: typeof invites.$inferSelect): Invite => ({
  tokenHash: row.tokenHash,
  userId: row.userId,
  purpose: row.purpose,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt ?? null,
});

export const toAuditEntry = (row: typeof auditLog.$inferSelect): AuditEntry => ({
  id: row.id,
  at: row.at,
  actorId: row.actorId ?? null,
  actorEmail: row.actorEmail ?? null,
  action: row.action,
  targetId: row.targetId ?? null,
  targetEmail: row.targetEmail ?? null,
  detail: row.detail ?? null,
});

export const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  userId: row.userId,
  title: row.title,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  settings: row.settings ?? null,
});

export const toPreset = (row: PresetRow): Preset => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  settings: row.settings,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversationId,
  role: row.role,
  content: row.content,
  status: row.status,
  errorKind: row.errorKind ?? null,
  model: row.model ?? null,
  usage:
    row.promptTokens != null && row.completionTokens != null
      ? {
          promptTokens: row.promptTokens,
          completionTokens: row.completionTokens,
          ...(row.reasoningTokens != null ? { reasoningTokens: row.reasoningTokens } : {}),
        }
      : null,
  ...(row.reasoning != null ? { reasoning: { text: row.reasoning, durationMs: row.reasoningMs ?? null } } : {}),
  attachments: row.attachments ?? [],
  createdAt: row.createdAt,
  turnId: row.turnId ?? null,
  leaseUntil: row.leaseUntil ?? null,
});

/** The reasoning columns of a message row being written. */
export const reasoningColumns = (message: Pick<NewMessage, "usage" | "reasoning">) => ({
  reasoning: message.reasoning ? storableText(message.reasoning.text) : null,
  reasoningMs: message.reasoning?.durationMs ?? null,
  reasoningTokens: message.usage?.reasoningTokens ?? null,
});
