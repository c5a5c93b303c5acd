import { describe, expect, it } from "vitest";
import { withKeepAlive } from "./keep-alive";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe("keep-alive comments in an event stream", () => {
  it("fills a long silence with comment lines between whole events, then ends with the source", async () => {
    let release!: () => void;
    const silence = new Promise<void>((resolve) => (release = resolve));
    const source = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('data: {"type":"start"}\n\n'));
        await silence;
        controller.enqueue(encoder.encode('data: {"type":"finish"}\n\n'));
        controller.close();
      },
    });
    const reader = withKeepAlive(source, 20).getReader();
    const seen: string[] = [];
    const next = async () => {
      const { done, value } = await reader.read();
      if (!done) seen.push(decoder.decode(value));
      return done;
    };

    await next();
    expect(seen).toEqual(['data: {"type":"start"}\n\n']);
    // Waits for the condition: two comments while the source is silent.
    while (seen.filter((s) => s === ": keep-alive\n\n").length < 2) await next();
    release();
    while (!(await next()));

    expect(seen.at(-1)).toBe('data: {"type":"finish"}\n\n');
    expect(seen.every((s) => s === ": keep-alive\n\n" || s.startsWith("data: "))).toBe(true);
  });

  it("adds nothing to a stream that keeps talking", async () => {
    const events = Array.from({ length: 5 }, (_, i) => `data: ${i}\n\n`);
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of events) controller.enqueue(encoder.encode(e));
        controller.close();
      },
    });
    const text = decoder.decode(await new Response(withKeepAlive(source, 60_000)).arrayBuffer());
    expect(text).toBe(events.join(""));
  });
});
