import { z } from "zod";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { LIMITS, type PartialChatSettings } from "@/lib/settings/schema";

/**
 * The body of POST /api/v1/chat/completions: OpenAI's fields that Parley's
 * settings know. Fields OpenAI clients send that Parley has no use for are
 * ignored, as OpenAI-compatible servers do; those that would change what the
 * client gets back (several choices, tools) are refused rather than ignored.
 */

/** A message longer than the web chat allows is refused the same way (413). */
const tooLong = `A message is too long (at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters). Shorten it or split it into parts.`;
/** Stateless calls carry their history: room for it, within reason. */
export const MAX_API_MESSAGES = 1_000;
export const MAX_API_BODY_BYTES = 4 * 1024 * 1024;

const textPart = z.object({ type: z.literal("text", 'Only text content parts ({"type": "text"}) are supported.'), text: z.string() });

const content = z
  .union([z.string(), z.array(textPart, 'content must be a string or a list of text parts.')], 'content must be a string or a list of text parts.')
  .transform((value) => (typeof value === "string" ? value : value.map((part) => part.text).join("")))
  .pipe(z.string().max(MAX_MESSAGE_CHARS, tooLong).refine((text) => !text.includes("\u0000"), "A message contains a character that cannot be stored."));

const message = z.object({
  role: z.enum(["system", "developer", "user", "assistant"], 'role must be "system", "developer", "user" or "assistant" (tools are not supported).'),
  content,
});

export type ApiMessage = z.infer<typeof message>;

const nullableNumber = (name: string, min: number, max: number) =>
  z.number(`${name} must be a number.`).min(min, `${name} must be between ${min} and ${max}.`).max(max, `${name} must be between ${min} and ${max}.`).nullish();

const maxTokens = (name: string) =>
  z
    .number(`${name} must be a whole number.`)
    .int(`${name} must be a whole number.`)
    .min(LIMITS.maxTokens.min, `${name} must be at least 1.`)
    .max(LIMITS.maxTokens.max, `${name} must be at most 1,000,000.`)
    .nullish();

export const completionRequestSchema = z.looseObject({
  model: z.string("model must be a model name.").trim().min(1, "model must be a model name.").max(LIMITS.modelLength, "model is too long.").nullish(),
  messages: z
    .array(message, "messages must be a list of messages.")
    .min(1, "messages must hold at least one message.")
    .max(MAX_API_MESSAGES, `messages may hold at most ${MAX_API_MESSAGES} messages.`),
  stream: z.boolean("stream must be true or false.").nullish(),
  stream_options: z.object({ include_usage: z.boolean("stream_options.include_usage must be true or false.").nullish() }).nullish(),
  temperature: nullableNumber("temperature", LIMITS.temperature.min, LIMITS.temperature.max),
  top_p: nullableNumber("top_p", LIMITS.topP.min, LIMITS.topP.max),
  presence_penalty: nullableNumber("presence_penalty", LIMITS.penalty.min, LIMITS.penalty.max),
  frequency_penalty: nullableNumber("frequency_penalty", LIMITS.penalty.min, LIMITS.penalty.max),
  max_tokens: maxTokens("max_tokens"),
  max_completion_tokens: maxTokens("max_completion_tokens"),
  n: z.literal(1, "n must be 1: Parley writes one reply per request.").nullish(),
  tools: z.array(z.unknown()).max(0, "tools are not supported.").nullish(),
  metadata: z
    .record(z.string(), z.string("metadata values must be text.").max(512, "metadata values must be at most 512 characters."), "metadata must be an object of text values.")
    .nullish(),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;

/** The settings a request sets; what it leaves out follows the conversation, the preset and the person's defaults. */
export function requestedSettings(body: CompletionRequest): PartialChatSettings {
  const settings: PartialChatSettings = {};
  if (body.model) settings.model = body.model;
  if (body.temperature != null) settings.temperature = body.temperature;
  if (body.top_p != null) settings.topP = body.top_p;
  if (body.presence_penalty != null) settings.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) settings.frequencyPenalty = body.frequency_penalty;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) settings.maxTokens = maxTokens;
  const system = systemPrompt(body.messages);
  if (system !== null) settings.systemPrompt = system;
  return settings;
}

/** The request's system (or developer) messages as one system prompt; null when it has none. */
function systemPrompt(messages: ApiMessage[]): string | null {
  const parts = messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => m.content);
  return parts.length > 0 ? parts.join("\n\n") : null;
}

/** The conversation part of the messages: user and assistant turns, oldest first. */
export function dialogue(messages: ApiMessage[]): Array<{ role: "user" | "assistant"; content: string }> {
  return messages.flatMap((m) => (m.role === "user" || m.role === "assistant" ? [{ role: m.role, content: m.content }] : []));
}
