/**
 * The provider as the bench sees it: the project's fake OpenAI server, made
 * to answer like a real model (first token after FIRST_TOKEN_MS, then one
 * word every 25–50 ms), plus a client that streams from it directly so that
 * Parley's figures have a baseline measured on the same clock.
 */
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";

export const FIRST_TOKEN_MS = 300;
const WORDS = "the quick brown fox jumps over a lazy dog while seven wizards quietly judge boxing matches near old river banks".split(" ");
const REPLY_WORDS = 20;

export interface PlannedReply {
  /** Text that appears in the person's message, so the fake answers this turn with this reply. */
  tag: string;
  chunks: string[];
  intervalMs: number;
  text: string;
}

export interface Provider {
  fake: FakeOpenAI;
  /** Scripts the reply for the next chat request that carries `tag`. */
  plan(tag: string): PlannedReply;
}

export async function startProvider(): Promise<Provider> {
  // The fake waits `delayMs` before every chunk, the first included; the hook
  // makes up the rest of the first-token time. Title requests stay instant.
  const intervals = new Map<string, number>();
  const fake = await startFakeOpenAI({
    onRequest: async (req) => {
      if (req.purpose !== "chat") return;
      const tag = /\[bench-[0-9a-z-]+\]/.exec(req.rawBody)?.[0];
      const interval = tag ? intervals.get(tag) : undefined;
      if (tag) intervals.delete(tag);
      await new Promise((resolve) => setTimeout(resolve, FIRST_TOKEN_MS - (interval ?? 0)));
    },
  });
  let seq = 0;
  return {
    fake,
    plan(tag) {
      seq += 1;
      const intervalMs = 25 + Math.floor(Math.random() * 26);
      const chunks = Array.from({ length: REPLY_WORDS }, (_, i) => `${i === 0 ? "" : " "}${WORDS[(seq + i) % WORDS.length]}`);
      intervals.set(tag, intervalMs);
      fake.script(tag, { chunks, delayMs: intervalMs }, 1);
      return { tag, chunks, intervalMs, text: chunks.join("") };
    },
  };
}

/** When each text chunk of a streamed reply arrived, from the moment the request was sent. */
export interface Timing {
  firstTokenMs: number;
  /** Arrival of each chunk after the first, minus when the provider's schedule put it there. */
  latenessMs: number[];
  text: string;
}

export function lateness(arrivals: readonly number[], intervalMs: number): number[] {
  return arrivals.slice(1).map((t, i) => t - arrivals[0] - (i + 1) * intervalMs);
}

/** Streams one chat completion from the fake, as an SDK would, and times its chunks. */
export function streamDirect(provider: Provider, text: string, planned: PlannedReply): Promise<Timing> {
  const url = new URL(`${provider.fake.url}/chat/completions`);
  const body = JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: text }] });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const arrivals: number[] = [];
    let received = "";
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent: false, headers: { "content-type": "application/json" } },
      (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (data: string) => {
          const now = performance.now();
          buffer += data;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
            const delta = (JSON.parse(event.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content;
            if (delta) {
              arrivals.push(now - started);
              received += delta;
            }
          }
        });
        res.on("end", () => resolve({ firstTokenMs: arrivals[0] ?? Number.NaN, latenessMs: lateness(arrivals, planned.intervalMs), text: received }));
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("direct stream timed out")));
    req.on("error", reject);
    req.end(body);
  });
}
