/**
 * What the fake keeps between requests: scripted replies (with their error
 * injection), the log of what it was sent, tests waiting on that log, replies
 * held mid-stream, and the model list.
 */
import { lastUserText, requestMatches, scriptHaystacks } from "./request-text";
import { FAKE_MODELS, type FakeReply, type PurposeFilter, type RecordedRequest, type RequestPurpose } from "./types";

export const DEFAULT_WAIT_MS = 5_000;

interface Script {
  match: string;
  reply: FakeReply;
  remaining: number;
}

type WaitKind = "arrive" | "close";

interface Waiter {
  kind: WaitKind;
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

/** A chat-completion exchange still in progress, as seen by release(). */
export interface Flight {
  record: RecordedRequest;
  /** Set by release(); once true, a holdAfter point is passed without stopping. */
  released: boolean;
  /** Resumes the reply while it is held at its holdAfter point. */
  wake: (() => void) | null;
}

export class FakeState {
  private scripts: Script[] = [];
  private recorded: RecordedRequest[] = [];
  private waiters: Waiter[] = [];
  private lastId = 0;
  // Kept apart from `recorded` so that reset() does not strand a held reply.
  private readonly flights = new Set<Flight>();

  constructor(public models: readonly string[] = FAKE_MODELS) {}

  /** Sequence numbers for requests, unique per server lifetime (reset() keeps counting). */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  script(match: string, reply: FakeReply, times = 1): void {
    // Negative/zero counts come from the HTTP control API, where Infinity is not valid JSON.
    const remaining = times > 0 ? times : Number.POSITIVE_INFINITY;
    this.scripts.push({ match, reply, remaining });
  }

  /** The most recent script that answers this request, used up by one. */
  takeScript(body: unknown, purpose: RequestPurpose): FakeReply | undefined {
    const haystacks = scriptHaystacks(body);
    for (let i = this.scripts.length - 1; i >= 0; i--) {
      const s = this.scripts[i];
      if ((s.reply.for ?? "chat") !== purpose) continue;
      if (s.match === "" || haystacks.some((h) => h.includes(s.match))) {
        s.remaining -= 1;
        if (s.remaining <= 0) this.scripts.splice(i, 1);
        return s.reply;
      }
    }
    return undefined;
  }

  reset(): void {
    this.scripts = [];
    this.recorded = [];
  }

  /** Logs a request and tracks its exchange until finish(). */
  begin(record: RecordedRequest): Flight {
    this.recorded.push(record);
    const flight: Flight = { record, released: false, wake: null };
    this.flights.add(flight);
    return flight;
  }

  /** Tells waiters a logged request has arrived. */
  arrived(record: RecordedRequest): void {
    this.notify(record, "arrive");
  }

  finish(flight: Flight): void {
    this.flights.delete(flight);
    this.notify(flight.record, "close");
  }

  /** See FakeOpenAI.release; returns how many in-flight requests it applied to. */
  release(match: string): number {
    let count = 0;
    for (const flight of this.flights) {
      if (!requestMatches(flight.record, match)) continue;
      count += 1;
      flight.released = true;
      flight.wake?.();
    }
    return count;
  }

  matching(match: string, purpose: PurposeFilter): RecordedRequest[] {
    return this.recorded.filter((r) => requestMatches(r, match, purpose));
  }

  waitForRequest(match: string, timeoutMs = DEFAULT_WAIT_MS, purpose: PurposeFilter = "chat"): Promise<RecordedRequest> {
    // Looking at the past first means a test cannot miss a request that beat it to the server.
    const existing = this.latestMatching(match, purpose);
    if (existing) return Promise.resolve(existing);
    return this.waitFor(
      "arrive",
      (r) => requestMatches(r, match, purpose),
      timeoutMs,
      `a ${purpose === "any" ? "" : purpose + " "}request matching ${JSON.stringify(match)}`,
    );
  }

  async waitForClose(
    match: string | RecordedRequest,
    timeoutMs = DEFAULT_WAIT_MS,
    purpose: PurposeFilter = "chat",
  ): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    const target = typeof match === "string" ? await this.waitForRequest(match, timeoutMs, purpose) : match;
    if (target.finishedAt !== null) return target;
    return this.waitFor(
      "close",
      (r) => r === target,
      Math.max(1, deadline - Date.now()),
      `request #${target.id} (${JSON.stringify(lastUserText(target.body))}) to close`,
    );
  }

  private latestMatching(match: string, purpose: PurposeFilter): RecordedRequest | undefined {
    for (let i = this.recorded.length - 1; i >= 0; i--) {
      if (requestMatches(this.recorded[i], match, purpose)) return this.recorded[i];
    }
    return undefined;
  }

  private notify(r: RecordedRequest, kind: WaitKind): void {
    const ready = this.waiters.filter((w) => w.kind === kind && w.predicate(r));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(r);
  }

  /** Waits for `notify(_, kind)` with a request satisfying `predicate` (no look at the past). */
  private waitFor(
    kind: WaitKind,
    predicate: (r: RecordedRequest) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.recorded.map((r) => lastUserText(r.body) || r.rawBody.slice(0, 80));
        reject(
          new Error(
            `fake-openai: timed out after ${timeoutMs}ms waiting for ${what}; ` +
              `recorded requests' last user messages: ${JSON.stringify(seen)}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/**
 * Resolves with true once `flight` is released (at once if it already was), or with false
 * when `signal` aborts first; never rejects and leaves no listener behind either way.
 */
export function hold(flight: Flight, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (flight.released) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      flight.wake = null;
      resolve(false);
    };
    flight.wake = () => {
      flight.wake = null;
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
