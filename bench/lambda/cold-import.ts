import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

export interface ColdStart {
  /** Importing the handler module: Next.js and OpenNext start up. */
  importMs: number;
  /** Import plus the first request, which loads the route's own code. */
  firstResponseMs: number;
}

export interface ColdStartTarget {
  handlerModule: string;
  /** A Function URL event for a light request (no database, no provider). */
  event: object;
  /** The answer that request must get, or the timing means nothing. */
  expectStatus: number;
}

/**
 * What a Lambda cold start spends before answering (the runtime's own start
 * is not included). Every run is a new process; the targets take turns so
 * that load from other processes on the machine falls on all of them alike,
 * and one discarded round first warms the file cache. Medians per target.
 */
export function coldStarts(targets: ColdStartTarget[], runs: number, env: Record<string, string>): ColdStart[] {
  const samples = targets.map(() => [] as ColdStart[]);
  for (let round = -1; round < runs; round++) {
    targets.forEach((target, i) => {
      const sample = startOnce(target, env);
      if (round >= 0) samples[i].push(sample);
    });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return samples.map((list) => ({
    importMs: median(list.map((s) => s.importMs)),
    firstResponseMs: median(list.map((s) => s.firstResponseMs)),
  }));
}

function startOnce(target: ColdStartTarget, env: Record<string, string>): ColdStart {
  // The same stand-in for Lambda's `awslambda` global as the smoke test's,
  // reduced to what one request needs: the handler gets a plain Writable.
  const script = `
    import { Writable } from "node:stream";
    globalThis.awslambda = { streamifyResponse: (fn) => fn, HttpResponseStream: { from: (s) => s } };
    const started = performance.now();
    const { handler } = await import(${JSON.stringify(pathToFileURL(target.handlerModule).href)});
    const importMs = performance.now() - started;
    const written = [];
    const stream = new Writable({ write(chunk, _encoding, done) { written.push(Buffer.from(chunk)); done(); } });
    stream.setContentType = () => {};
    const finished = new Promise((resolve) => stream.on("finish", resolve));
    await handler(${JSON.stringify(target.event)}, stream, {});
    await finished;
    const firstResponseMs = performance.now() - started;
    const bytes = Buffer.concat(written);
    const { statusCode } = JSON.parse(bytes.subarray(0, bytes.indexOf(Buffer.alloc(8))).toString());
    process.stdout.write(JSON.stringify({ importMs, firstResponseMs, statusCode }));
    process.exit(0);
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, NODE_ENV: "production", ...env },
  });
  const result = JSON.parse(out) as ColdStart & { statusCode: number };
  if (result.statusCode !== target.expectStatus) {
    throw new Error(`${target.handlerModule} answered ${result.statusCode}, expected ${target.expectStatus}.`);
  }
  return { importMs: result.importMs, firstResponseMs: result.firstResponseMs };
}
