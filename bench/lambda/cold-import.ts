import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/**
 * Milliseconds a fresh Node process takes to import a server function's
 * handler module: what a Lambda cold start spends before the first request
 * (the runtime's own start is not included). Every run is a new process, the
 * handlers take turns so that load from other processes on the machine falls
 * on all of them alike, and one discarded round first warms the file cache.
 * Returns the median per handler.
 */
export function coldImportMs(handlerModules: string[], runs: number): number[] {
  const times = handlerModules.map(() => [] as number[]);
  for (let round = -1; round < runs; round++) {
    handlerModules.forEach((module, i) => {
      const ms = importOnce(module);
      if (round >= 0) times[i].push(ms);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

function importOnce(handlerModule: string): number {
  // The same stand-in for Lambda's `awslambda` global the smoke test uses,
  // reduced to what importing needs.
  const script = `
    globalThis.awslambda = { streamifyResponse: (fn) => fn, HttpResponseStream: { from: (s) => s } };
    const started = performance.now();
    await import(${JSON.stringify(pathToFileURL(handlerModule).href)});
    process.stdout.write(String(performance.now() - started));
    process.exit(0);
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, AWS_REGION: "us-east-1", NODE_ENV: "production" },
  });
  return Number(out.trim());
}
