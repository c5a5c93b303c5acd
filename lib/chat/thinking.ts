import type { StoredReasoning } from "@/lib/store/types";

/**
 * A reply's reasoning as it streams: its text so far, and how long the model
 * thought — from the first sign of reasoning to the first word of the
 * answer, or to the end when no answer came.
 */
export class Thinking {
  private text = "";
  private startedAt: number | null = null;
  private endedAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds reasoning text ("" only marks that reasoning began); true when this began it. */
  add(delta: string): boolean {
    this.text += delta;
    if (this.startedAt !== null) return false;
    this.startedAt = this.now();
    return true;
  }

  /** Marks the end of thinking; true when it was going on until now. */
  end(): boolean {
    if (this.startedAt === null || this.endedAt !== null) return false;
    this.endedAt = this.now();
    return true;
  }

  /** Thinking ended (the answer began): later reasoning is kept but no longer streamed. */
  get ended(): boolean {
    return this.endedAt !== null;
  }

  get durationMs(): number | null {
    if (this.startedAt === null) return null;
    return (this.endedAt ?? this.now()) - this.startedAt;
  }

  /** What is stored with the reply; null when the model did not reason. */
  stored(): StoredReasoning | null {
    return this.startedAt === null ? null : { text: this.text, durationMs: this.durationMs };
  }
}
