import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route pattern a path was answered by ("/c/[id]", not "/c/3f…"), so
 * log lines group by route and the metrics' labels stay few. Read from the
 * routes manifest Next.js writes at build time and reads itself at start
 * (`.next/` under the working directory, on `next start` and in the Lambda
 * bundle alike; `.next/dev/` under `next dev`).
 */

interface ManifestRoute {
  page: string;
  regex: string;
}

interface Matcher {
  page: string;
  pattern: RegExp;
}

/** Paths no route names: one label for all, however many there are. */
export const UNMATCHED = "(unmatched)";

let matchers: { exact: Map<string, string>; dynamic: Matcher[] } | undefined;

function load(): NonNullable<typeof matchers> {
  try {
    // `next dev` keeps its build apart, in .next/dev.
    const dir = process.env.NODE_ENV === "development" ? path.join(".next", "dev") : ".next";
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), dir, "routes-manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] };
    return {
      exact: new Map((manifest.staticRoutes ?? []).map((r) => [r.page, r.page])),
      dynamic: (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, pattern: new RegExp(r.regex) })),
    };
  } catch {
    // No build (a test): only the fixed prefixes below.
    return { exact: new Map(), dynamic: [] };
  }
}

export function routeOf(pathname: string): string {
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  matchers ??= load();
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const exact = matchers.exact.get(trimmed);
  if (exact) return exact;
  for (const { page, pattern } of matchers.dynamic) if (pattern.test(trimmed)) return page;
  return UNMATCHED;
}
