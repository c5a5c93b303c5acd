import { timingSafeEqual, createHash } from "node:crypto";
import type { Store } from "@/lib/store/types";
import { LOGIN_WINDOW_MS } from "./throttle";

/**
 * Who may create the first (admin) account through the web page.
 *
 * Under `next dev` the first visitor is the operator, so the page is open. A
 * production server may be public, and a stranger could get there first: the
 * operator sets a setup code (SETUP_CODE, or the SST secret SetupCode) that
 * the page asks for; without one the page accepts no setup at all and the
 * first account comes from the command line.
 */
export type FirstRunGate = { kind: "open" } | { kind: "code"; code: string } | { kind: "cli-only" };

export function firstRunGate(input: { setupCode: string | undefined; publicDeployment: boolean }): FirstRunGate {
  if (input.setupCode) return { kind: "code", code: input.setupCode };
  return input.publicDeployment ? { kind: "cli-only" } : { kind: "open" };
}

// Guesses are bounded per address and overall (an attacker can change address).
const MAX_GUESSES_PER_ADDRESS = 10;
const MAX_GUESSES_OVERALL = 100;

export type SetupCodeCheck = "ok" | "wrong" | "throttled";

export async function checkSetupCode(
  store: Store,
  gate: FirstRunGate,
  input: { code: string; address: string | null },
  now = new Date(),
): Promise<SetupCodeCheck> {
  if (gate.kind === "open") return "ok";
  if (gate.kind === "cli-only") return "wrong";
  const [overall, byAddress] = await Promise.all([
    store.countLoginFailures("setup:all", LOGIN_WINDOW_MS, now),
    input.address ? store.countLoginFailures(`setup:${input.address}`, LOGIN_WINDOW_MS, now) : Promise.resolve(0),
  ]);
  if (overall >= MAX_GUESSES_OVERALL || byAddress >= MAX_GUESSES_PER_ADDRESS) return "throttled";
  if (sameSecret(input.code.trim(), gate.code)) return "ok";
  await Promise.all([
    store.recordLoginFailure("setup:all", LOGIN_WINDOW_MS, now),
    input.address ? store.recordLoginFailure(`setup:${input.address}`, LOGIN_WINDOW_MS, now) : undefined,
  ]);
  return "wrong";
}

/** Constant-time comparison of two strings of any length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
