import { createHash, timingSafeEqual } from "node:crypto";
import { currentUser } from "@/lib/auth/session";
import { observabilityConfig } from "@/lib/config/observability";

/**
 * Who may read /api/metrics: a scraper with `Authorization: Bearer
 * $METRICS_TOKEN`, or a signed-in admin. Anyone else is answered like a
 * route that does not exist.
 */
export async function mayReadMetrics(request: Request): Promise<boolean> {
  const token = observabilityConfig().metricsToken;
  const given = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (token && given && sameSecret(given, token)) return true;
  return (await currentUser())?.role === "admin";
}

/** Compared as digests, so neither the length nor the content leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
