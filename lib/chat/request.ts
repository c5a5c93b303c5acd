import { z } from "zod";
import { presetIdSchema } from "@/lib/settings/presets";
import { MAX_ATTACHMENTS } from "@/lib/attachments/kinds";
import { MAX_MESSAGE_CHARS } from "./limits";

const conversationId = z.uuid("conversationId must be a conversation id.");
const turnId = z.uuid("turnId must be a turn id.");
const messageId = z.uuid("messageId must be a message id.");
const text = z
  .string("Type a message.")
  .max(
    MAX_MESSAGE_CHARS,
    `Your message is too long (at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters). Shorten it or split it into parts.`,
  )
  .refine((t) => t.trim() !== "", "Type a message before sending.");

/**
 * The body of POST /api/chat. The server keeps the history, so only what
 * changes travels: a new message (submit), a new text for one of the
 * person's earlier messages, which replaces it and everything after it
 * (edit), or a request to answer the last message again (regenerate).
 */
export const chatRequestSchema = z.discriminatedUnion(
  "trigger",
  [
    z.object({
      trigger: z.literal("submit"),
      conversationId,
      turnId,
      messageId: messageId.optional(),
      text,
      /** A new conversation starts from this preset's settings (ignored for an existing one). */
      presetId: presetIdSchema.optional(),
      /** Files uploaded through /api/attachments, in the order shown. */
      attachmentIds: z
        .array(z.uuid("attachmentIds must be attachment ids."))
        .max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files to one message.`)
        .optional(),
    }),
    z.object({ trigger: z.literal("edit"), conversationId, turnId, messageId, text }),
    z.object({ trigger: z.literal("regenerate"), conversationId, turnId }),
  ],
  { error: 'trigger must be "submit", "edit" or "regenerate".' },
);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const stopRequestSchema = z.object({ turnId });
