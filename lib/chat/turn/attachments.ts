import "server-only";
import { attachmentsFor } from "@/lib/attachments/files";
import { isImageType } from "@/lib/attachments/kinds";
import { withAttachments, type DocumentCut, type HistoryInput } from "@/lib/attachments/model-input";
import { ApiError } from "@/lib/errors/api-error";
import { canSeeImages } from "@/lib/llm/vision";
import type { ChatSettings } from "@/lib/settings";
import type { Message, MessageAttachment } from "@/lib/store/types";
import type { ChatRequest } from "../request";
import type { TurnDeps } from "./index";

/**
 * The turn's part in attachments: the files a new message names (the
 * person's own, uploaded and checked), the refusal of images for a model
 * that cannot see them (before anything is stored), and the history as the
 * model gets it, files included.
 */

function blobsOf(deps: TurnDeps) {
  if (!deps.blobs) throw new Error("The turn needs the blob store to read attachments.");
  return deps.blobs;
}

export async function messageAttachments(deps: TurnDeps, userId: string, request: ChatRequest): Promise<MessageAttachment[]> {
  if (request.trigger !== "submit" || !request.attachmentIds?.length) return [];
  return attachmentsFor(blobsOf(deps), userId, request.attachmentIds);
}

/** Refuses images for a model without vision; `undo` first takes back what the turn created. */
export async function checkVision(deps: TurnDeps, model: string, attachments: readonly MessageAttachment[], undo: () => Promise<void>): Promise<void> {
  if (!attachments.some((a) => isImageType(a.mediaType)) || canSeeImages(model, deps.visionModels)) return;
  await undo();
  throw new ApiError(422, "model_cannot_see_images", { model });
}

export async function promptHistory(
  deps: TurnDeps,
  userId: string,
  history: readonly Message[],
  settings: ChatSettings,
): Promise<{ history: readonly HistoryInput[] | readonly Message[]; cut: DocumentCut[] }> {
  if (!history.some((m) => m.attachments.length > 0)) return { history, cut: [] };
  return withAttachments(blobsOf(deps), userId, history, {
    model: settings.model,
    vision: canSeeImages(settings.model, deps.visionModels),
    systemPrompt: settings.systemPrompt,
    maxTokens: settings.maxTokens,
    contextWindows: deps.contextWindows,
  });
}
