import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The smallest Next.js App Router app, built for Lambda exactly as Parley is
 * (same Next.js, same OpenNext, same wrapper), to tell Parley's own weight
 * from the framework's. It is created under `parent` (inside the project, so
 * it resolves the project's node_modules) and never committed.
 */
export function buildMinimalApp(parent: string, projectRoot: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, "minimal-next-"));
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "minimal-next", private: true, type: "module", scripts: { build: "next build" } }),
    "next.config.mjs": "export default {};\n",
    "app/layout.jsx": `export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }\n`,
    "app/page.jsx": `export const dynamic = "force-dynamic";\nexport default function Page() { return <main>Hello</main>; }\n`,
    "app/api/hello/route.js": `export function GET() { return Response.json({ hello: "world" }); }\n`,
    "open-next.config.ts": [
      `export default {`,
      `  default: { override: { wrapper: "aws-lambda-streaming", incrementalCache: "dummy", tagCache: "dummy", queue: "dummy" } },`,
      `};`,
      ``,
    ].join("\n"),
  };
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    execFileSync(path.join(projectRoot, "node_modules/.bin/open-next"), ["build"], {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
