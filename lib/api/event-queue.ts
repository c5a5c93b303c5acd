import type { TurnEvent } from "@/lib/chat/turn";

/**
 * A turn's events, buffered as they come, for a reader that may fall behind
 * or wait for them with a deadline (the reply is written whatever the reader
 * does).
 */
export class EventQueue {
  private readonly items: TurnEvent[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  readonly push = (event: TurnEvent): void => {
    this.items.push(event);
    this.notify();
  };

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** The next event, if one is waiting. */
  take(): TurnEvent | undefined {
    return this.items.shift();
  }

  /** No event will come any more. */
  get done(): boolean {
    return this.ended && this.items.length === 0;
  }

  /** Resolves when an event is waiting or the queue ended, or after `ms`. */
  ready(ms = Infinity): Promise<void> {
    if (this.items.length > 0 || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(finish, ms) : undefined;
      const previous = this.wake;
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        previous?.();
        finish();
      };
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
