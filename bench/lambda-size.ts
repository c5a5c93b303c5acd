/**
 * How heavy Parley's Lambda server function is, next to the smallest Next.js
 * app built the same way: zipped and unzipped size, and the time a cold
 * start spends importing the handler.
 *
 *   npm run build:lambda && npx tsx bench/lambda-size.ts [runs=9] [--keep]
 *
 * The minimal app is built in a throwaway directory under .bench/ (about a
 * minute and a half); pass --keep to leave it there.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { coldImportMs } from "./lambda/cold-import";
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

interface Measured extends BundleSize {
  coldImportMs: number;
}

const minimalDir = buildMinimalApp(path.join(root, ".bench"), root);
let parley: Measured;
let minimal: Measured;
try {
  const minimalServerDir = path.join(minimalDir, SERVER);
  const [parleyMs, minimalMs] = coldImportMs([path.join(parleyDir, "index.mjs"), path.join(minimalServerDir, "index.mjs")], runs);
  parley = { ...zipSize(parleyDir), coldImportMs: parleyMs };
  minimal = { ...zipSize(minimalServerDir), coldImportMs: minimalMs };
} finally {
  if (!keep) rmSync(minimalDir, { recursive: true, force: true });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows: [string, (m: Measured) => string, (a: Measured, b: Measured) => number][] = [
  ["files", (m) => String(m.files), (a, b) => a.files / b.files],
  ["unzipped", (m) => mb(m.unzippedBytes), (a, b) => a.unzippedBytes / b.unzippedBytes],
  ["zipped", (m) => mb(m.zippedBytes), (a, b) => a.zippedBytes / b.zippedBytes],
  [`cold import (median of ${runs})`, (m) => `${m.coldImportMs.toFixed(0)} ms`, (a, b) => a.coldImportMs / b.coldImportMs],
];

console.log(`\nLambda server function (${SERVER})`);
console.log(["", "Parley", "minimal Next.js", "ratio"].map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(16))).join(""));
for (const [label, show, ratio] of rows) {
  console.log(label.padEnd(26) + show(parley).padStart(16) + show(minimal).padStart(16) + `${ratio(parley, minimal).toFixed(2)}×`.padStart(16));
}
console.log("\nLambda limits: 50 MB zipped for a direct upload, 250 MB unzipped.");
