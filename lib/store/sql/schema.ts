import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

import type {
  ErrorKind,
  LimitOverrides,
  MessageAttachment,
  MessageRole,
  InvitePurpose,
  MessageStatus,
  StoredSettings,
  UserRole,
  UserStatus,
} from "../types";

// Millisecond precision: JS Dates carry milliseconds, so a value read back is
// exactly the value written, and a pagination cursor built from a Date
// compares equal to the row it came from (microseconds would break keysets).
const instant = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

// Roles and statuses are text with CHECKs rather than enums: widening a CHECK
// is one ordinary migration, while ALTER TYPE … ADD VALUE has transaction caveats.
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique("users_email_unique"),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<UserRole>().notNull(),
    status: text("status").$type<UserStatus>().notNull().default("active"),
    createdAt: instant("created_at").notNull().defaultNow(),
    lastActiveAt: instant("last_active_at"),
  },
  (t) => [
    // The unique constraint is only case-insensitive if every writer lower-cases.
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("users_role_valid", sql`${t.role} in ('admin', 'user')`),
    check("users_status_valid", sql`${t.status} in ('active', 'disabled')`),
    // The admin directory's keyset: newest account first.
    index("users_directory_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    settings: jsonb("settings").$type<StoredSettings>(),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // Matches the keyset (updated_at desc, id desc) of listConversations, so a
    // page is an index range scan however many conversations a person has.
    // NULLS FIRST is Postgres' default for DESC, i.e. what a plain ORDER BY …
    // DESC asks for; drizzle-kit would otherwise emit NULLS LAST and the
    // planner would not use the index for the ordering.
    index("conversations_user_activity_idx").on(
      t.userId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    // Timestamps can tie; the sequence gives a total order of appends.
    seq: bigserial("seq", { mode: "number" }).notNull(),
    role: text("role").$type<MessageRole>().notNull(),
    content: text("content").notNull(),
    status: text("status").$type<MessageStatus>().notNull(),
    // Not checked: the list of kinds grows with providers and lives in lib/llm.
    errorKind: text("error_kind").$type<ErrorKind>(),
    model: text("model"),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    // A reasoning model's thinking, as shared (null: it did not reason), how
    // long it took, and the part of completion_tokens it used.
    reasoning: text("reasoning"),
    reasoningMs: integer("reasoning_ms"),
    reasoningTokens: integer("reasoning_tokens"),
    // What the chat shows of the files sent with the message (null: none).
    attachments: jsonb("attachments").$type<MessageAttachment[]>(),
    createdAt: instant("created_at").notNull().defaultNow(),
    // A reply being written: its turn (Stop names it) and its writer's lease.
    turnId: text("turn_id"),
    leaseUntil: instant("lease_until"),
  },
  (t) => [
    index("messages_conversation_seq_idx").on(t.conversationId, t.seq),
    // Only replies being written: what the start-up sweep looks for.
    index("messages_streaming_idx")
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'streaming'`),
    check("messages_role_valid", sql`${t.role} in ('user', 'assistant')`),
    check(
      "messages_status_valid",
      sql`${t.status} in ('streaming', 'complete', 'stopped', 'error', 'interrupted')`,
    ),
    // Usage is one value in the port: both counts or neither.
    check(
      "messages_usage_complete",
      sql`(${t.promptTokens} is null) = (${t.completionTokens} is null)`,
    ),
  ],
);

export const settings = pgTable("settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  data: jsonb("data").$type<StoredSettings>().notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

// Keyed by whatever lib/auth throttles on (an email, an address), not by user:
// failures for unknown emails must be counted too.
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStartedAt: instant("window_started_at").notNull(),
});

export const presets = pgTable(
  "presets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    settings: jsonb("settings").$type<StoredSettings>().notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [index("presets_user_idx").on(t.userId)],
);

// Stop requests for replies generated by another server instance, looked up
// by (user, turn) and pruned by age.
export const stopRequests = pgTable(
  "stop_requests",
  {
    // Turn ids come from browsers: keyed with the user, so one person's
    // request can never block or stand in for another's.
    turnId: text("turn_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedAt: instant("requested_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.turnId] }),
    index("stop_requests_requested_at_idx").on(t.requestedAt),
  ],
);

// Running turns, one row each, holding the chat's limits across instances: a
// conversation has at most one, a person at most a few. A row whose lease has
// ended no longer counts (its process died), whoever finds it deletes it.
export const turnLeases = pgTable(
  "turn_leases",
  {
    turnId: text("turn_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    leaseUntil: instant("lease_until").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.turnId] })],
);

// Personal API keys: only the key's hash is kept, unique, so a request's key
// is found with one index lookup; revoking deletes the row.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull().unique("api_keys_hash_unique"),
    createdAt: instant("created_at").notNull().defaultNow(),
    lastUsedAt: instant("last_used_at"),
    expiresAt: instant("expires_at"),
  },
  (t) => [index("api_keys_user_idx").on(t.userId, t.createdAt)],
);

// ---- Limits and usage ----

// Settings of the whole installation, by name (the admin's default limits).
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  data: jsonb("data").notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

export const personLimits = pgTable("person_limits", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  data: jsonb("data").$type<LimitOverrides>().notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

// Replies started in the person's current UTC hour: one row per person,
// restarted at 1 when the hour changes, so nothing piles up.
export const hourlyReplies = pgTable("hourly_replies", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hour: text("hour").notNull(),
  count: integer("count").notNull(),
});

// Usage rollups, added to with each reply. No foreign key to users: what a
// removed account cost stays in the totals (the provider's bill keeps it too).
const usageColumns = {
  promptTokens: bigint("prompt_tokens", { mode: "number" }).notNull(),
  completionTokens: bigint("completion_tokens", { mode: "number" }).notNull(),
  replies: integer("replies").notNull(),
  costNanoUsd: bigint("cost_nano_usd", { mode: "number" }).notNull(),
};

export const usagePersonDay = pgTable(
  "usage_person_day",
  {
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    ...usageColumns,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.day] }),
    // Everyone's totals for a period: one index range.
    index("usage_person_day_day_idx").on(t.day, t.userId),
  ],
);

// Each person's month, kept beside the days so "everyone this month" reads
// one row per person instead of summing thirty.
export const usagePersonMonth = pgTable(
  "usage_person_month",
  {
    month: text("month").notNull(),
    userId: uuid("user_id").notNull(),
    ...usageColumns,
  },
  (t) => [primaryKey({ columns: [t.month, t.userId] })],
);

export const usageModelDay = pgTable(
  "usage_model_day",
  {
    day: date("day", { mode: "string" }).notNull(),
    model: text("model").notNull(),
    ...usageColumns,
  },
  (t) => [primaryKey({ columns: [t.day, t.model] })],
);

// ---- People administration: invite links and the audit log ----

// One-time links that let a person choose a password (new account or reset).
// Only the secret's sha-256 is kept; a used link stays (with used_at) so the
// page can say it was used, and goes with its account.
export const invites = pgTable(
  "invites",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<InvitePurpose>().notNull(),
    lockedHash: text("locked_hash").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
  },
  (t) => [
    index("invites_user_idx").on(t.userId),
    check("invites_purpose_valid", sql`${t.purpose} in ('invite', 'reset')`),
  ],
);

// Who did what to whom. No foreign keys: the record outlives the accounts.
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: instant("at").notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetId: uuid("target_id"),
    targetEmail: text("target_email"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at.desc().nullsFirst(), t.id.desc().nullsFirst())],
);
