/**
 * A person using Parley over real sockets, each from their own loopback
 * address: sign-in throttling counts per address, so hundreds of sign-ins
 * from one address would be refused as a guessing attack.
 */
import { request } from "node:http";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { lateness, type PlannedReply, type Timing } from "./provider";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** From sending the request to the first byte of the body, and to its end. */
  firstByteMs: number;
  totalMs: number;
}

const REQUEST_TIMEOUT_MS = 120_000;

/** 127.0.0.1 is left to the server's own checks; people start at 127.0.1.1. */
export function loopbackAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

export class Person {
  private cookies = new Map<string, string>();

  constructor(
    readonly origin: string,
    readonly address: string,
    readonly email: string,
  ) {}

  send(method: string, path: string, options: { body?: string; headers?: Record<string, string>; onData?: (chunk: string, at: number) => void } = {}): Promise<Answer> {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: this.address, agent: false },
        (res) => {
          for (const c of res.headers["set-cookie"] ?? []) {
            const [pair] = c.split(";");
            const eq = pair.indexOf("=");
            this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
          }
          let body = "";
          let firstByteMs = Number.NaN;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            const at = performance.now() - started;
            if (Number.isNaN(firstByteMs)) firstByteMs = at;
            body += chunk;
            options.onData?.(chunk, at);
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, firstByteMs, totalMs: performance.now() - started }));
          res.on("error", reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on("error", reject);
      req.end(options.body);
    });
  }

  /** As the sign-in form does: the CSRF token, then NextAuth's credentials callback. */
  async signIn(password: string): Promise<void> {
    const csrf = await this.send("GET", "/api/auth/csrf");
    if (csrf.status !== 200) throw new Error(`csrf: HTTP ${csrf.status}`);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const answer = await this.send("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email: this.email, password, callbackUrl: "/" }).toString(),
    });
    if (![...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"))) {
      throw new Error(`sign-in of ${this.email} from ${this.address} failed: HTTP ${answer.status} → ${String(answer.headers.location)}`);
    }
  }

  /** One submitted message in a new conversation, timed chunk by chunk as the browser receives it. */
  async chat(text: string, planned: PlannedReply): Promise<Timing & { conversationId: string; error: string | null }> {
    const conversationId = randomUUID();
    const arrivals: number[] = [];
    let received = "";
    let error: string | null = null;
    let buffer = "";
    const answer = await this.send("POST", "/api/chat", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trigger: "submit", conversationId, turnId: randomUUID(), text }),
      onData: (chunk, at) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end).trim();
          buffer = buffer.slice(end + 2);
          if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
          const part = JSON.parse(event.slice(6)) as { type: string; delta?: string; errorText?: string };
          if (part.type === "text-delta" && part.delta) {
            arrivals.push(at);
            received += part.delta;
          } else if (part.type === "error") {
            error = part.errorText ?? "error";
          }
        }
      },
    });
    if (answer.status !== 200) error = `HTTP ${answer.status} ${answer.body.slice(0, 200)}`;
    return { conversationId, firstTokenMs: arrivals[0] ?? Number.NaN, latenessMs: lateness(arrivals, planned.intervalMs), text: received, error };
  }

  /** Whether the stored reply is the whole of what the provider sent. */
  async storedWhole(conversationId: string, expected: string): Promise<boolean> {
    const answer = await this.send("GET", `/api/conversations/${conversationId}`);
    if (answer.status !== 200) return false;
    const { messages } = JSON.parse(answer.body) as { messages: { role: string; parts: { type: string; text?: string }[]; metadata: { status: string } }[] };
    const reply = messages.filter((m) => m.role === "assistant");
    return (
      reply.length === 1 &&
      reply[0].metadata.status === "complete" &&
      reply[0].parts.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join("") === expected
    );
  }
}
