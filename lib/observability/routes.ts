import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route pattern a path was answered by ("/c/[id]", not "/c/3f…"), so
 * log lines group by route and the metrics' labels stay few. Read from the
 * routes manifest Next.js writes at build time and reads itself at start
 * (`.next/` under the working directory, on `next start` and in the Lambda
 * bundle alike). `next dev` builds routes as they are first asked for and
 * lists them in `.next/dev/server/app-paths-manifest.json` instead.
 */

interface Matcher {
  page: string;
  pattern: RegExp;
}

interface Routes {
  exact: Map<string, string>;
  dynamic: Matcher[];
}

/** Paths no route names: one label for all, however many there are. */
export const UNMATCHED = "(unmatched)";

const development = process.env.NODE_ENV === "development";
let routes: Routes | undefined;

function readJson<T>(...segments: string[]): T | null {
  try {
    return JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), ...segments), "utf8")) as T;
  } catch {
    return null;
  }
}

function built(): Routes {
  type Route = { page: string; regex: string };
  const manifest = readJson<{ staticRoutes?: Route[]; dynamicRoutes?: Route[] }>(".next", "routes-manifest.json");
  return {
    exact: new Map((manifest?.staticRoutes ?? []).map((r) => [r.page, r.page])),
    dynamic: (manifest?.dynamicRoutes ?? []).map((r) => ({ page: r.page, pattern: new RegExp(r.regex) })),
  };
}

/** "/(chat)/c/[id]/page" → "/c/[id]", matched by /^\/c\/[^/]+$/. */
function developing(): Routes {
  const entries = Object.keys(readJson<Record<string, string>>(".next", "dev", "server", "app-paths-manifest.json") ?? {});
  const pages = entries.map((entry) => entry.replace(/\/(page|route)$/, "").replace(/\/\([^/)]+\)/g, "") || "/");
  const dynamic = pages.filter((page) => page.includes("["));
  return {
    exact: new Map(pages.filter((page) => !page.includes("[")).map((page) => [page, page])),
    dynamic: dynamic.map((page) => {
      const source = page
        .split("/")
        .map((part) => (/^\[\[?\.\.\./.test(part) ? ".+" : part.startsWith("[") ? "[^/]+" : part.replace(/[.*+?^${}()|\\]/g, "\\$&")))
        .join("/");
      return { page, pattern: new RegExp(`^${source}$`) };
    }),
  };
}

function find(current: Routes, pathname: string): string | undefined {
  return current.exact.get(pathname) ?? current.dynamic.find(({ pattern }) => pattern.test(pathname))?.page;
}

export function routeOf(pathname: string): string {
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  routes ??= development ? developing() : built();
  const found = find(routes, trimmed);
  if (found || !development) return found ?? UNMATCHED;
  // Under `next dev` the route may have been built for this very request.
  routes = developing();
  return find(routes, trimmed) ?? UNMATCHED;
}
