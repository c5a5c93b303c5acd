import { z } from "zod";
import { MAX_ATTACHMENT_NAME_CHARS, MAX_ATTACHMENTS } from "@/lib/attachments/kinds";
import { LIMITS } from "@/lib/settings/schema";
import type { Conversation, Message } from "@/lib/store/types";
import { MAX_TITLE_CHARS } from "./limits";
import type { ErrorKind, MessageStatus, TokenUsage } from "./types";

/**
 * Parley's conversation file: one conversation with its messages, as JSON
 * (`{ "format": "parley.conversation", "version": 1, … }`, which imports
 * back) or as Markdown (for reading). Defined here once; pure, no I/O.
 */

export const EXPORT_FORMAT = "parley.conversation";
export const EXPORT_VERSION = 1;

/** Limits on an imported file (the route also caps the request size). */
export const IMPORT_LIMITS = {
  bytes: 5 * 1024 * 1024,
  titleLength: MAX_TITLE_CHARS,
  messages: 5_000,
  contentLength: 200_000,
  modelLength: LIMITS.modelLength,
} as const;

/**
 * A file of a message: a reference (its id, readable only by its owner), and
 * with the "inline" option its bytes too (base64), so the file travels.
 */
export interface ExportedAttachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  data?: string;
}

export interface ExportedMessage {
  role: "user" | "assistant";
  content: string;
  /** A reply still being written is exported as it stands: interrupted. */
  status: Exclude<MessageStatus, "streaming">;
  errorKind: ErrorKind | null;
  model: string | null;
  usage: TokenUsage | null;
  /** Only in files exported with the model's reasoning (asked for explicitly). */
  reasoning?: { text: string; durationMs: number | null };
  createdAt: string;
  /** Present when the message has files. */
  attachments?: ExportedAttachment[];
}

export interface ConversationExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  title: string;
  createdAt: string;
  updatedAt: string;
  exportedAt: string;
  messages: ExportedMessage[];
}

type ExportableConversation = Pick<Conversation, "title" | "createdAt" | "updatedAt">;
type ExportableMessage = Pick<Message, "role" | "content" | "status" | "errorKind" | "model" | "usage" | "reasoning" | "createdAt"> &
  Partial<Pick<Message, "attachments">>;

/** What goes into a file besides the conversation itself. */
export interface ExportOptions {
  /** The replies' reasoning ("Thinking"): left out unless asked for. */
  reasoning?: boolean;
  /** Base64 bytes of files to inline, by attachment id (JSON only). */
  inline?: ReadonlyMap<string, string>;
}

export function toJsonExport(
  conversation: ExportableConversation,
  messages: readonly ExportableMessage[],
  exportedAt: Date = new Date(),
  options: ExportOptions = {},
): ConversationExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    title: conversation.title,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    exportedAt: exportedAt.toISOString(),
    messages: messages.map((m) => ({
      role: m.role,
      content: m.content,
      status: m.status === "streaming" ? "interrupted" : m.status,
      errorKind: m.errorKind ?? null,
      model: m.model ?? null,
      usage: m.usage
        ? {
            promptTokens: m.usage.promptTokens,
            completionTokens: m.usage.completionTokens,
            ...(m.usage.reasoningTokens != null ? { reasoningTokens: m.usage.reasoningTokens } : {}),
          }
        : null,
      ...(options.reasoning && m.reasoning ? { reasoning: { text: m.reasoning.text, durationMs: m.reasoning.durationMs } } : {}),
      createdAt: m.createdAt.toISOString(),
      ...(m.attachments?.length
        ? {
            attachments: m.attachments.map((a) => ({
              id: a.id,
              name: a.name,
              mediaType: a.mediaType,
              size: a.size,
              ...(options.inline?.has(a.id) ? { data: options.inline.get(a.id)! } : {}),
            })),
          }
        : {}),
    })),
  };
}

/** Words used in the Markdown file, in the reader's language. */
export interface MarkdownLabels {
  you: string;
  assistant: string;
  /** Shown under a reply the person stopped. */
  stopped: string;
  /** Shown under a reply that failed. */
  failed: string;
  /** Heads a reply's reasoning, when the file includes it. */
  thinking: string;
}

export const ENGLISH_MARKDOWN_LABELS: MarkdownLabels = {
  you: "You",
  assistant: "Assistant",
  stopped: "Stopped",
  failed: "This reply failed",
  thinking: "Thinking",
};

/** One line, usable as a Markdown heading. */
function headingText(title: string): string {
  return title.replace(/\s+/g, " ").trim() || "Parley";
}

export function toMarkdown(
  conversation: ExportableConversation,
  messages: readonly ExportableMessage[],
  labels: MarkdownLabels = ENGLISH_MARKDOWN_LABELS,
  options: ExportOptions = {},
): string {
  const parts = [`# ${headingText(conversation.title)}`];
  for (const m of messages) {
    const who = m.role === "user" ? labels.you : labels.assistant;
    const model = m.role === "assistant" && m.model ? ` · ${m.model}` : "";
    const section = [`## ${who}${model}`];
    if (options.reasoning && m.reasoning?.text.trim()) {
      // A quoted block, so the reasoning reads apart from the answer.
      const quoted = m.reasoning.text.trimEnd().split("\n").map((line) => (line ? `> ${line}` : ">"));
      section.push([`> **${labels.thinking}**`, ">", ...quoted].join("\n"));
    }
    if (m.attachments?.length) section.push(m.attachments.map((a) => `📎 ${a.name}`).join("  \n"));
    if (m.content) section.push(m.content.trimEnd());
    // A reply cut short, whoever cut it, reads as stopped where it ends.
    if (m.status === "stopped" || m.status === "interrupted" || m.status === "streaming") section.push(`*${labels.stopped}*`);
    if (m.status === "error") section.push(`*${labels.failed}*`);
    parts.push(section.join("\n\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

/** A file name (without extension) from a conversation title, safe on every common file system. */
export function exportBaseName(title: string): string {
  const cleaned = title
    // Characters Windows, macOS or Linux refuse, control characters included.
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    // Leading dots hide a file; trailing dots and spaces are dropped by Windows.
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const short = Array.from(cleaned).slice(0, 80).join("").trim();
  return short || "conversation";
}

/** A Content-Disposition header for a download named `filename` (any Unicode). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// Import

const ERROR_KINDS = [
  "not_configured",
  "auth",
  "model_not_found",
  "rate_limit",
  "quota",
  "content_filter",
  "context_length",
  "bad_request",
  "provider",
  "timeout",
  "network",
  "interrupted",
  "thinking_budget",
] as const satisfies readonly ErrorKind[];

const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const messageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(IMPORT_LIMITS.contentLength),
  status: z.enum(["complete", "stopped", "error", "interrupted"]),
  errorKind: z.enum(ERROR_KINDS).nullable().optional(),
  model: z.string().max(IMPORT_LIMITS.modelLength).nullable().optional(),
  usage: z.object({ promptTokens: count, completionTokens: count, reasoningTokens: count.optional() }).nullable().optional(),
  reasoning: z
    .object({ text: z.string().max(IMPORT_LIMITS.contentLength), durationMs: count.nullable() })
    .optional(),
  createdAt: timestamp,
  attachments: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().trim().min(1).max(MAX_ATTACHMENT_NAME_CHARS),
        mediaType: z.string().max(200),
        size: count,
        data: z.base64().optional(),
      }),
    )
    .max(MAX_ATTACHMENTS)
    .optional(),
});

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  title: z.string().trim().min(1).max(IMPORT_LIMITS.titleLength),
  createdAt: timestamp,
  updatedAt: timestamp,
  messages: z.array(messageSchema).max(IMPORT_LIMITS.messages),
});

export interface ParsedImport {
  title: string;
  createdAt: Date;
  updatedAt: Date;
  messages: Array<Omit<ExportedMessage, "createdAt"> & { createdAt: Date }>;
}

/** Why a file could not be imported; the route words it for the person. */
export type ImportProblem =
  | { code: "not_parley" }
  | { code: "unsupported_version"; version: string }
  | { code: "too_many_messages"; limit: number }
  | { code: "invalid"; path: string; detail: string };

export type ImportResult = { ok: true; value: ParsedImport } | { ok: false; problem: ImportProblem };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Validates a parsed JSON value as a Parley conversation file. */
export function parseImport(input: unknown): ImportResult {
  if (!isRecord(input) || input.format !== EXPORT_FORMAT) return { ok: false, problem: { code: "not_parley" } };
  if (input.version !== EXPORT_VERSION) {
    const version = typeof input.version === "number" || typeof input.version === "string" ? String(input.version).slice(0, 20) : "?";
    return { ok: false, problem: { code: "unsupported_version", version } };
  }
  if (Array.isArray(input.messages) && input.messages.length > IMPORT_LIMITS.messages) {
    return { ok: false, problem: { code: "too_many_messages", limit: IMPORT_LIMITS.messages } };
  }
  const parsed = exportSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: { code: "invalid", path: issue.path.map(String).join(".") || "(file)", detail: issue.message } };
  }
  const data = parsed.data;
  // Activity cannot predate the conversation or its last message.
  const latest = Math.max(data.createdAt.getTime(), data.updatedAt.getTime(), ...data.messages.map((m) => m.createdAt.getTime()));
  return {
    ok: true,
    value: {
      title: data.title,
      createdAt: data.createdAt,
      updatedAt: new Date(latest),
      messages: data.messages.map((m) => ({
        role: m.role,
        content: m.content,
        status: m.status,
        errorKind: m.status === "error" ? (m.errorKind ?? "provider") : null,
        model: m.model ?? null,
        usage: m.usage ?? null,
        ...(m.role === "assistant" && m.reasoning ? { reasoning: m.reasoning } : {}),
        createdAt: m.createdAt,
        ...(m.attachments?.length ? { attachments: m.attachments } : {}),
      })),
    },
  };
}
