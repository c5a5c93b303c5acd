import "server-only";
import { getLogger } from "@/lib/log";
import type { Store } from "@/lib/store/types";

/**
 * Saving a reply while it is written: its text so far, with its writer's
 * lease renewed, about once a second (sooner after a burst of text), one
 * store write at a time and never in the token path — appending text only
 * notes it, and the write happens beside the stream. While the model is
 * silent, the lease is still renewed often enough that no reader takes this
 * reply for abandoned.
 */

export interface ProgressOptions {
  /** How long a save vouches for the writer; renewed well before it ends. */
  leaseMs: number;
  /** Saves at most about this often while text arrives. */
  intervalMs?: number;
  /** This much new text is saved without waiting for the interval. */
  burstChars?: number;
  /** Called once, after the first save that holds text. */
  onFirstText?: () => Promise<void>;
  /** Called when the stored reply is gone (its conversation was deleted). */
  onGone?: () => void;
}

export interface ReplyProgressSaver {
  /** Notes new text; returns at once. */
  append(delta: string): void;
  /** Stops saving and waits for a save in flight; answers whether text was ever saved. */
  close(): Promise<boolean>;
}

export const PROGRESS_INTERVAL_MS = 1_000;
export const PROGRESS_BURST_CHARS = 400;

export function saveProgressAsItGrows(
  store: Store,
  reply: { userId: string; conversationId: string; replyId: string },
  options: ProgressOptions,
): ReplyProgressSaver {
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const burstChars = options.burstChars ?? PROGRESS_BURST_CHARS;
  // Renewed at a third of the lease, so two saves may fail before it ends.
  const renewEveryMs = Math.max(1, Math.floor(options.leaseMs / 3));
  let text = "";
  let savedLength = 0;
  let lastSavedAt = Date.now();
  let inFlight: Promise<void> | null = null;
  let closed = false;
  let textSaved = false;

  const save = () => {
    const content = text;
    lastSavedAt = Date.now();
    const progress = { content, leaseUntil: new Date(lastSavedAt + options.leaseMs) };
    inFlight = store
      .saveReplyProgress(reply.userId, reply.conversationId, reply.replyId, progress)
      .then(async (saved) => {
        if (!saved) return noteRefused();
        savedLength = content.length;
        if (content !== "" && !textSaved) {
          textSaved = true;
          await options.onFirstText?.();
        }
      })
      .catch((error: unknown) => {
        // The next save tries again; the final save stores everything anyway.
        getLogger().warn({ err: error }, "Could not save a reply's progress");
      })
      .finally(() => {
        inFlight = null;
        if (!closed && text.length - savedLength >= burstChars) save();
      });
  };

  // Refused: the reply was marked interrupted (this writer looked gone for a
  // while) or no longer exists. Only the latter ends the turn; otherwise the
  // final save still stores the whole reply.
  const noteRefused = async () => {
    const stored = await store.getMessage(reply.userId, reply.conversationId, reply.replyId);
    if (!stored) options.onGone?.();
  };

  const timer = setInterval(() => {
    if (inFlight || closed) return;
    const due = text.length > savedLength ? Date.now() - lastSavedAt >= intervalMs : Date.now() - lastSavedAt >= renewEveryMs;
    if (due) save();
  }, Math.max(10, Math.floor(Math.min(intervalMs, renewEveryMs) / 4)));
  timer.unref?.();

  return {
    append(delta) {
      text += delta;
      if (!inFlight && !closed && text.length - savedLength >= burstChars) save();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      while (inFlight) await inFlight;
      return textSaved;
    },
  };
}
