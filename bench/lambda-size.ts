/**
 * How heavy Parley's Lambda server function is, next to the smallest Next.js
 * app built the same way: zipped and unzipped size, the time a cold start
 * spends importing the handler, and until its first answer to a light
 * request (Parley: an unauthenticated POST /api/chat, which loads the chat
 * route, auth and config but no database; minimal: a JSON route).
 *
 *   npm run build:lambda && npx tsx bench/lambda-size.ts [runs=9] [--keep]
 *
 * The minimal app is built in a throwaway directory under .bench/ (about a
 * minute and a half); --keep leaves it there.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { functionUrlEvent } from "@/e2e/lambda/events";
import { coldStarts, type ColdStart } from "./lambda/cold-import";
import { buildMinimalApp } from "./lambda/minimal-app";
import { zipSize, type BundleSize } from "./lambda/zip-size";

const root = process.cwd();
const runs = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 9);
const keep = process.argv.includes("--keep");
const SERVER = ".open-next/server-functions/default";

const parleyDir = path.join(root, SERVER);
if (!existsSync(path.join(parleyDir, "index.mjs"))) {
  console.error(`No Lambda build in ${parleyDir}: run \`npm run build:lambda\` first.`);
  process.exit(1);
}

type Measured = BundleSize & ColdStart;

// As deployed: a linked table and session secret, so Parley's config is
// valid. The table is never reached by the request measured.
const scratch = mkdtempSync(path.join(tmpdir(), "parley-bench-"));
const env = {
  SST_RESOURCE_App: JSON.stringify({ name: "parley", stage: "bench" }),
  SST_RESOURCE_Data: JSON.stringify({ name: "parley-bench" }),
  SST_RESOURCE_AuthSecret: JSON.stringify({ value: "bench-auth-secret-0123456789abcdef" }),
  AWS_REGION: "us-east-1",
  DATA_DIR: scratch,
};
const chat = functionUrlEvent({
  method: "POST",
  path: "/api/chat",
  headers: { "content-type": "application/json" },
  body: "{}",
});

const minimalDir = buildMinimalApp(path.join(root, ".bench"), root);
let parley: Measured;
let minimal: Measured;
try {
  const minimalServerDir = path.join(minimalDir, SERVER);
  const [parleyStart, minimalStart] = coldStarts(
    [
      { handlerModule: path.join(parleyDir, "index.mjs"), event: chat, expectStatus: 401 },
      { handlerModule: path.join(minimalServerDir, "index.mjs"), event: functionUrlEvent({ method: "GET", path: "/api/hello" }), expectStatus: 200 },
    ],
    runs,
    env,
  );
  parley = { ...zipSize(parleyDir), ...parleyStart };
  minimal = { ...zipSize(minimalServerDir), ...minimalStart };
} finally {
  if (!keep) rmSync(minimalDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const rows: [string, (m: Measured) => string, (m: Measured) => number][] = [
  ["files", (m) => String(m.files), (m) => m.files],
  ["unzipped", (m) => mb(m.unzippedBytes), (m) => m.unzippedBytes],
  ["zipped", (m) => mb(m.zippedBytes), (m) => m.zippedBytes],
  [`cold import (median of ${runs})`, (m) => ms(m.importMs), (m) => m.importMs],
  [`cold first response (median)`, (m) => ms(m.firstResponseMs), (m) => m.firstResponseMs],
];

console.log(`\nLambda server function (${SERVER})`);
console.log(["", "Parley", "minimal Next.js", "ratio"].map((c, i) => (i === 0 ? c.padEnd(30) : c.padStart(16))).join(""));
for (const [label, show, value] of rows) {
  const ratio = `${(value(parley) / value(minimal)).toFixed(2)}×`;
  console.log(label.padEnd(30) + show(parley).padStart(16) + show(minimal).padStart(16) + ratio.padStart(16));
}
console.log("\nLambda limits: 50 MB zipped for a direct upload, 250 MB unzipped.");
