import { z } from "zod";
import { presetIdSchema } from "@/lib/settings/presets";
import { MAX_MESSAGE_CHARS } from "./limits";

const conversationId = z.uuid("conversationId must be a conversation id.");
const turnId = z.uuid("turnId must be a turn id.");

/** The body of POST /api/chat: the server keeps the history, so only the new message travels. */
export const chatRequestSchema = z.discriminatedUnion(
  "trigger",
  [
    z.object({
      trigger: z.literal("submit"),
      conversationId,
      turnId,
      messageId: z.uuid("messageId must be a message id.").optional(),
      text: z
        .string("Type a message.")
        .max(
          MAX_MESSAGE_CHARS,
          `Your message is too long (at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters). Shorten it or split it into parts.`,
        )
        .refine((t) => t.trim() !== "", "Type a message before sending."),
      /** A new conversation starts from this preset's settings (ignored for an existing one). */
      presetId: presetIdSchema.optional(),
    }),
    z.object({ trigger: z.literal("regenerate"), conversationId, turnId }),
  ],
  { error: 'trigger must be "submit" or "regenerate".' },
);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const stopRequestSchema = z.object({ turnId });
