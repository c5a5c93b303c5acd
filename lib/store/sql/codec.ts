import type { Conversation, Message, Preset, User } from "../types";
import type { conversations, messages, presets, users } from "./schema";

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
  createdAt: row.createdAt,
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
      ? { promptTokens: row.promptTokens, completionTokens: row.completionTokens }
      : null,
  attachments: row.attachments ?? [],
  createdAt: row.createdAt,
});
