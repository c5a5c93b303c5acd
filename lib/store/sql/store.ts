import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import {
  ConversationExistsError,
  EmailTakenError,
  InvalidCursorError,
  MessageExistsError,
  type Conversation,
  type ConversationMatch,
  type ImportedConversation,
  type Message,
  type NewConversation,
  type Preset,
  type NewMessage,
  type NewUser,
  type Page,
  type Store,
  type StoredSettings,
  type User,
  type UserWithPassword,
} from "../types";
import { isUuid } from "@/lib/chat/ids";
import { pageSize } from "../page-size";
import { snippetAround } from "../snippet";
import * as schema from "./schema";
import { conversations, loginFailures, messages, presets, settings, stopRequests, users } from "./schema";

/** Either driver (PGlite or node-postgres) behind the same query builder. */
export type SqlDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;


function requireUuid(value: string, what: string): string {
  if (!isUuid(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}.`);
  return value.toLowerCase();
}

// Postgres text cannot hold U+0000. A model reply containing one must still be
// saved ("nothing is lost"), so it is stored as U+FFFD, as invalid UTF-16 is.
const storableText = (value: string): string =>
  value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;

/** The SQLSTATE of a driver error, looking through drizzle's wrapper. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e === "object" && "code" in e && typeof e.code === "string") return e.code;
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

const UNIQUE_VIOLATION = "23505";

type UserRow = typeof users.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;
type PresetRow = typeof presets.$inferSelect;

const STOP_FLAG_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** `query` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
const containsPattern = (query: string): string => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: row.createdAt,
});

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  userId: row.userId,
  title: row.title,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  settings: row.settings ?? null,
});

const toPreset = (row: PresetRow): Preset => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  settings: row.settings,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toMessage = (row: MessageRow): Message => ({
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
  createdAt: row.createdAt,
});

interface Cursor {
  updatedAt: Date;
  id: string;
}

function encodeCursor(c: Conversation): string {
  return Buffer.from(JSON.stringify([c.updatedAt.toISOString(), c.id])).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === "string" && typeof id === "string" && isUuid(id)) {
        const updatedAt = new Date(at);
        if (!Number.isNaN(updatedAt.getTime())) return { updatedAt, id };
      }
    }
  } catch {
    // fall through to the uniform error below
  }
  throw new InvalidCursorError();
}

export interface SqlStoreOptions {
  /** Releases the connection(s); called once, by the first close(). */
  onClose?: () => Promise<void>;
}

export class SqlStore implements Store {
  private closed: Promise<void> | null = null;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: SqlStoreOptions = {},
  ) {}

  // Users

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }

  async createUser(input: NewUser): Promise<User> {
    const email = input.email.toLowerCase();
    try {
      const [row] = await this.db
        .insert(users)
        .values({ email: storableText(email), name: storableText(input.name), passwordHash: input.passwordHash, role: input.role })
        .returning();
      return toUser(row!);
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw new EmailTakenError(email);
      throw error;
    }
  }

  async createFirstUser(input: NewUser): Promise<User | null> {
    return this.db.transaction(async (tx) => {
      // SHARE ROW EXCLUSIVE conflicts with itself and with inserts, so two
      // first-run submissions serialise here and the second sees count 1.
      // (An advisory lock would not stop a concurrent plain createUser.)
      await tx.execute(sql`lock table ${users} in share row exclusive mode`);
      const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
      if (existing) return null;
      const [row] = await tx
        .insert(users)
        .values({
          email: storableText(input.email.toLowerCase()),
          name: storableText(input.name),
          passwordHash: input.passwordHash,
          role: input.role,
        })
        .returning();
      return toUser(row!);
    });
  }

  async getUserByEmail(email: string): Promise<UserWithPassword | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(eq(users.email, email.toLowerCase()));
    return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
  }

  async getUserById(id: string): Promise<User | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.select().from(users).orderBy(asc(users.createdAt), asc(users.id));
    return rows.map(toUser);
  }

  async deleteUser(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    // Conversations, messages and settings go with it (ON DELETE CASCADE).
    const rows = await this.db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    return rows.length > 0;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const rows = await this.db
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    return rows.length > 0;
  }

  // Conversations

  async createConversation(input: NewConversation): Promise<Conversation> {
    const id = input.id === undefined ? undefined : requireUuid(input.id, "A conversation id");
    try {
      const [row] = await this.db
        .insert(conversations)
        .values({ id, userId: input.userId, title: storableText(input.title), settings: input.settings ?? null })
        .returning();
      return toConversation(row!);
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw new ConversationExistsError();
      throw error;
    }
  }

  async getConversation(userId: string, id: string): Promise<Conversation | null> {
    if (!isUuid(userId) || !isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
    return row ? toConversation(row) : null;
  }

  async listConversations(
    userId: string,
    options: { limit: number; cursor?: string | null },
  ): Promise<Page<Conversation>> {
    const limit = pageSize(options.limit);
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    if (!isUuid(userId)) return { items: [], nextCursor: null };

    // A row comparison is the keyset predicate the index can range-scan;
    // casting the parameters keeps both drivers from guessing their types.
    const rows = await this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.userId, userId),
          after
            ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${after.updatedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      // One extra row tells whether another page exists without a count.
      .limit(limit + 1);

    const items = rows.slice(0, limit).map(toConversation);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async renameConversation(
    userId: string,
    id: string,
    title: string,
    options: { onlyIfTitle?: string } = {},
  ): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(id)) return false;
    const rows = await this.db
      .update(conversations)
      .set({ title: storableText(title) })
      .where(
        and(
          eq(conversations.id, id),
          eq(conversations.userId, userId),
          options.onlyIfTitle === undefined ? undefined : eq(conversations.title, storableText(options.onlyIfTitle)),
        ),
      )
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  async setConversationSettings(userId: string, id: string, data: StoredSettings | null): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(id)) return false;
    const rows = await this.db
      .update(conversations)
      .set({ settings: data })
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  async searchConversations(userId: string, query: string, limit: number): Promise<ConversationMatch[]> {
    const wanted = pageSize(limit);
    if (!isUuid(userId) || !query) return [];
    const pattern = containsPattern(storableText(query));
    // The earliest matching message of each conversation gives the snippet;
    // the scan stays within this person's conversations.
    // Spelled out with table names: drizzle leaves columns unqualified in a
    // one-table select, which inside the subquery would mean the messages' own.
    const hit = sql<string | null>`(
      select m.content from messages m
      where m.conversation_id = "conversations"."id" and m.content ilike ${pattern}
      order by m.seq limit 1
    )`;
    const rows = await this.db
      .select({ conversation: conversations, hit })
      .from(conversations)
      .where(and(eq(conversations.userId, userId), sql`(${conversations.title} ilike ${pattern} or ${hit} is not null)`))
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(wanted);
    return rows.map((row) => ({
      conversation: toConversation(row.conversation),
      snippet: row.hit == null ? null : snippetAround(row.hit, query),
    }));
  }

  async importConversation(input: ImportedConversation): Promise<Conversation> {
    requireUuid(input.userId, "A user id");
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(conversations)
        .values({
          userId: input.userId,
          title: storableText(input.title),
          settings: input.settings ?? null,
          createdAt: input.createdAt,
          updatedAt: input.updatedAt,
        })
        .returning();
      const conversation = toConversation(row!);
      // One row at a time keeps seq in the export's order without relying on
      // how a multi-row insert evaluates its defaults.
      for (const message of input.messages) {
        await tx.insert(messages).values({
          conversationId: conversation.id,
          role: message.role,
          content: storableText(message.content),
          status: message.status,
          errorKind: message.errorKind ?? null,
          model: message.model ?? null,
          promptTokens: message.usage?.promptTokens ?? null,
          completionTokens: message.usage?.completionTokens ?? null,
          createdAt: message.createdAt,
        });
      }
      return conversation;
    });
  }

  async deleteConversation(userId: string, id: string): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(id)) return false;
    const rows = await this.db
      .delete(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  // Messages

  async appendMessage(userId: string, input: NewMessage): Promise<Message | null> {
    const id = input.id === undefined ? undefined : requireUuid(input.id, "A message id");
    if (!isUuid(userId) || !isUuid(input.conversationId)) return null;
    return this.db.transaction(async (tx) => {
      // Touching the conversation first both checks ownership and locks the
      // row, so the bump and the insert commit together or not at all.
      // greatest() keeps activity from moving backwards if clocks do.
      const [owned] = await tx
        .update(conversations)
        .set({ updatedAt: sql`greatest(now(), ${conversations.updatedAt})` })
        .where(and(eq(conversations.id, input.conversationId), eq(conversations.userId, userId)))
        .returning({ updatedAt: conversations.updatedAt });
      if (!owned) return null;
      const [row] = await tx
        .insert(messages)
        .values({
          id,
          conversationId: input.conversationId,
          role: input.role,
          content: storableText(input.content),
          status: input.status,
          errorKind: input.errorKind ?? null,
          model: input.model ?? null,
          promptTokens: input.usage?.promptTokens ?? null,
          completionTokens: input.usage?.completionTokens ?? null,
          createdAt: input.createdAt ?? owned.updatedAt,
        })
        .returning()
        .catch((error: unknown) => {
          throw sqlState(error) === UNIQUE_VIOLATION ? new MessageExistsError() : error;
        });
      return toMessage(row!);
    });
  }

  async listMessages(userId: string, conversationId: string): Promise<Message[]> {
    if (!isUuid(userId) || !isUuid(conversationId)) return [];
    const rows = await this.db
      .select({ message: messages })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.conversationId, conversationId), eq(conversations.userId, userId)))
      .orderBy(asc(messages.seq));
    return rows.map((r) => toMessage(r.message));
  }

  async deleteMessage(userId: string, conversationId: string, messageId: string): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(conversationId) || !isUuid(messageId)) return false;
    const owned = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
    const rows = await this.db
      .delete(messages)
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.conversationId, conversationId),
          inArray(messages.conversationId, owned),
        ),
      )
      .returning({ id: messages.id });
    return rows.length > 0;
  }

  async deleteMessagesFrom(userId: string, conversationId: string, messageId: string): Promise<number> {
    if (!isUuid(userId) || !isUuid(conversationId) || !isUuid(messageId)) return 0;
    const from = this.db
      .select({ seq: messages.seq })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.conversationId, conversationId),
          eq(conversations.userId, userId),
        ),
      );
    const rows = await this.db
      .delete(messages)
      .where(and(eq(messages.conversationId, conversationId), sql`${messages.seq} >= (${from})`))
      .returning({ id: messages.id });
    return rows.length;
  }

  // Settings

  async getSettings(userId: string): Promise<StoredSettings | null> {
    if (!isUuid(userId)) return null;
    const [row] = await this.db
      .select({ data: settings.data })
      .from(settings)
      .where(eq(settings.userId, userId));
    return row?.data ?? null;
  }

  async saveSettings(userId: string, data: StoredSettings): Promise<void> {
    requireUuid(userId, "A user id");
    await this.db
      .insert(settings)
      .values({ userId, data })
      .onConflictDoUpdate({ target: settings.userId, set: { data, updatedAt: sql`now()` } });
  }

  // Presets

  async listPresets(userId: string): Promise<Preset[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.db
      .select()
      .from(presets)
      .where(eq(presets.userId, userId))
      .orderBy(sql`lower(${presets.name})`, asc(presets.id));
    return rows.map(toPreset);
  }

  async savePreset(
    userId: string,
    input: { id?: string; name: string; settings: StoredSettings },
  ): Promise<Preset | null> {
    requireUuid(userId, "A user id");
    const id = input.id === undefined ? undefined : requireUuid(input.id, "A preset id");
    const name = storableText(input.name);
    // The conflict update only applies to the person's own row, so an id
    // someone else owns comes back empty instead of being taken over.
    const rows = await this.db
      .insert(presets)
      .values({ id, userId, name, settings: input.settings })
      .onConflictDoUpdate({
        target: presets.id,
        set: { name, settings: input.settings, updatedAt: sql`now()` },
        setWhere: eq(presets.userId, userId),
      })
      .returning();
    return rows[0] ? toPreset(rows[0]) : null;
  }

  async deletePreset(userId: string, id: string): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(id)) return false;
    const rows = await this.db
      .delete(presets)
      .where(and(eq(presets.id, id), eq(presets.userId, userId)))
      .returning({ id: presets.id });
    return rows.length > 0;
  }

  // Stop requests

  async requestStop(userId: string, turnId: string): Promise<void> {
    requireUuid(userId, "A user id");
    const stale = new Date(Date.now() - STOP_FLAG_LIFETIME_MS).toISOString();
    await this.db.delete(stopRequests).where(sql`${stopRequests.requestedAt} < ${stale}::timestamptz`);
    await this.db.insert(stopRequests).values({ turnId, userId }).onConflictDoNothing();
  }

  async isStopRequested(userId: string, turnId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const [row] = await this.db
      .select({ turnId: stopRequests.turnId })
      .from(stopRequests)
      .where(and(eq(stopRequests.turnId, turnId), eq(stopRequests.userId, userId)));
    return Boolean(row);
  }

  // Sign-in throttling

  async recordLoginFailure(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - windowMs).toISOString();
    const at = now.toISOString();
    // The window [start, start + windowMs) has ended when start <= now - windowMs.
    const expired = sql`${loginFailures.windowStartedAt} <= ${cutoff}::timestamptz`;
    // One statement, so concurrent failures cannot lose an increment.
    const [row] = await this.db
      .insert(loginFailures)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          count: sql`case when ${expired} then 1 else ${loginFailures.count} + 1 end`,
          windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${loginFailures.windowStartedAt} end`,
        },
      })
      .returning({ count: loginFailures.count });
    return row?.count ?? 1;
  }

  async countLoginFailures(key: string, windowMs: number, now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - windowMs).toISOString();
    const [row] = await this.db
      .select({ count: loginFailures.count })
      .from(loginFailures)
      .where(
        and(
          eq(loginFailures.key, key),
          sql`${loginFailures.windowStartedAt} > ${cutoff}::timestamptz`,
        ),
      );
    return row?.count ?? 0;
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.delete(loginFailures).where(eq(loginFailures.key, key));
  }

  async pruneLoginFailures(before: Date): Promise<void> {
    await this.db.delete(loginFailures).where(sql`${loginFailures.windowStartedAt} < ${before.toISOString()}::timestamptz`);
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  close(): Promise<void> {
    this.closed ??= this.options.onClose?.() ?? Promise.resolve();
    return this.closed;
  }
}
