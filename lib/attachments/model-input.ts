import "server-only";
import type { BlobStore } from "@/lib/blobs/types";
import type { ContextWindowConfig } from "@/lib/config";
import { contextWindowFor, IMAGE_TOKENS, replyReserve, tokenMargin } from "@/lib/llm/context";
import { loadTokenCounter } from "@/lib/llm/tokens";
import type { Message } from "@/lib/store/types";
import { modelAttachment, type ModelAttachment } from "./files";

/**
 * A conversation's attachments as the model gets them: images as image
 * inputs (for a model that sees them; the newest few only, so a long
 * conversation does not resend every picture), documents as text after the
 * message's own. The newest message's documents are cut to fit the context
 * window, and the cut is reported so the chat can say how much was seen.
 */

/** Images older than the newest this many are named, not sent again. */
export const MAX_IMAGES_PER_PROMPT = 20;

export interface HistoryInput {
  role: "user" | "assistant";
  content: string;
  images?: string[];
}

export interface DocumentCut {
  name: string;
  /** How much of the document's text the model saw, in whole percent. */
  percent: number;
}

export async function withAttachments(
  blobs: BlobStore,
  userId: string,
  history: readonly Message[],
  options: { model: string; vision: boolean; systemPrompt: string; maxTokens: number | null; contextWindows?: ContextWindowConfig },
): Promise<{ history: HistoryInput[]; cut: DocumentCut[] }> {
  let imagesLeft = options.vision ? MAX_IMAGES_PER_PROMPT : 0;
  // Newest first, so the image allowance goes to the latest pictures.
  const loaded: ModelAttachment[][] = new Array(history.length);
  for (let i = history.length - 1; i >= 0; i--) {
    const attachments = history[i]!.attachments;
    loaded[i] = await Promise.all(
      attachments.map((attachment) => {
        const image = attachment.mediaType.startsWith("image/");
        if (image && imagesLeft-- <= 0) return { kind: "missing", name: attachment.name } as ModelAttachment;
        return modelAttachment(blobs, userId, attachment);
      }),
    );
  }

  const newest = history.length - 1;
  const cut = newest >= 0 && loaded[newest]!.some((a) => a.kind === "document") ? await fitDocuments(history[newest]!, loaded[newest]!, options) : [];

  return {
    history: history.map((message, i) => {
      const parts = loaded[i]!;
      if (parts.length === 0) return { role: message.role, content: message.content };
      const images = parts.flatMap((part) => (part.kind === "image" ? [part.dataUrl] : []));
      // Only the newest message's documents were cut.
      const cutOf = (name: string) => (i === newest ? cut.find((c) => c.name === name) : undefined);
      const extra = parts.flatMap((part) =>
        part.kind === "document" ? [documentBlock(part.name, part.text, cutOf(part.name))] : part.kind === "missing" ? [`[Attached: ${part.name}]`] : [],
      );
      const content = [message.content, ...extra].filter(Boolean).join("\n\n");
      return images.length ? { role: message.role, content, images } : { role: message.role, content };
    }),
    cut,
  };
}

function documentBlock(name: string, text: string, cut: DocumentCut | undefined): string {
  const note = cut ? `\n[Only the first ${cut.percent}% of ${name} is included here; the rest did not fit.]` : "";
  return `<document name="${name.replace(/"/g, "'")}">\n${text}${note}\n</document>`;
}

/**
 * Shortens the newest message's documents (in place, in `parts`) so that the
 * system prompt, the message's own text, its images and the documents fit
 * the window with room for the reply. Each document keeps the same share.
 */
async function fitDocuments(
  message: Message,
  parts: ModelAttachment[],
  options: { model: string; systemPrompt: string; maxTokens: number | null; contextWindows?: ContextWindowConfig },
): Promise<DocumentCut[]> {
  const count = await loadTokenCounter();
  const margin = tokenMargin(options.model);
  const window = contextWindowFor(options.model, options.contextWindows);
  const images = parts.filter((p) => p.kind === "image").length;
  // Framing of the system prompt, the message and each document block, generously.
  const fixed = count(options.systemPrompt) + count(message.content) + images * IMAGE_TOKENS + 16 + 24 * parts.length;
  const budget = Math.floor((window - replyReserve(window, options.maxTokens)) / margin) - fixed;
  const documents = parts.flatMap((part, index) => (part.kind === "document" ? [{ part, index }] : []));
  const total = documents.reduce((sum, d) => sum + count(d.part.text), 0);
  if (total <= budget) return [];

  let share = Math.max(0, budget) / total;
  const cuts: DocumentCut[] = [];
  // Characters are not tokens: shorten until the count agrees, a few times at most.
  for (let attempt = 0; attempt < 6; attempt++) {
    const kept = documents.map((d) => d.part.text.slice(0, Math.floor(d.part.text.length * share)));
    const used = kept.reduce((sum, text) => sum + count(text), 0);
    if (used <= budget || attempt === 5) {
      cuts.length = 0;
      documents.forEach((d, i) => {
        const full = (d.part as { text: string }).text;
        const percent = Math.floor((kept[i]!.length / full.length) * 100);
        parts[d.index] = { kind: "document", name: d.part.name, text: kept[i]! };
        cuts.push({ name: d.part.name, percent });
      });
      break;
    }
    share *= (budget / used) * 0.97;
  }
  return cuts;
}
