import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { unique } from "./support/session";

/**
 * Sign-in throttling against the production server, over real sockets. The
 * server runs a bare `next start` (no proxy), so the address it counts must be
 * the connection's own; loopback is a whole /8, so connecting from 127.0.0.x
 * plays a different client for each x, and X-Forwarded-For is what a client
 * would forge. These clients never use 127.0.0.1, where the browser tests
 * sign in.
 */

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  body: string;
}

function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(E2E.appUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers, localAddress: from, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? "", cookies: res.headers["set-cookie"] ?? [], body: text }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

type Outcome = "signed-in" | "incorrect" | "throttled";

/** One sign-in through Auth.js's credentials callback, as a client at `from` claiming `forwardedFor`. */
async function signInFrom(from: string, email: string, password: string, forwardedFor?: string): Promise<Outcome> {
  const claim: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send(from, "GET", "/api/auth/csrf", claim);
  expect(csrf.status).toBe(200);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.cookies.map((c) => c.split(";")[0]).join("; ");
  const answer = await send(
    from,
    "POST",
    "/api/auth/callback/credentials",
    { ...claim, cookie, "content-type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
  );
  expect(answer.status).toBe(302);
  if (answer.cookies.some((c) => /authjs\.session-token=[^;]+/.test(c))) return "signed-in";
  return new URL(answer.location, E2E.appUrl).searchParams.get("code") === "throttled" ? "throttled" : "incorrect";
}

test.describe("sign-in throttling", () => {
  test("counts the connection's address, not the X-Forwarded-For a client makes up", async () => {
    const from = "127.0.0.2";
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 25; i++) {
      // A fresh email and a fresh forged address every time: only the socket ties them together.
      outcomes.push(await signInFrom(from, `${unique("nobody")}@example.com`, "wrong-password", `198.51.100.${i + 1}`));
    }
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill("incorrect"));
    expect(outcomes.slice(20)).toEqual(Array(5).fill("throttled"));
    // Another client is not held back by it.
    expect(await signInFrom("127.0.0.5", `${unique("nobody")}@example.com`, "wrong-password", "127.0.0.2")).toBe("incorrect");
  });

  test("slows someone guessing at an account, and lets its owner in from their own address", async () => {
    const attacker = "127.0.0.3";
    const guesses: Outcome[] = [];
    for (let i = 0; i < 8; i++) guesses.push(await signInFrom(attacker, E2E.bob.email, `guess-${i}`));
    expect(guesses.slice(0, 5)).toEqual(Array(5).fill("incorrect"));
    expect(guesses.slice(5)).toEqual(Array(3).fill("throttled"));
    // Even the right password does not help from there.
    expect(await signInFrom(attacker, E2E.bob.email, E2E.bob.password)).toBe("throttled");

    expect(await signInFrom("127.0.0.4", E2E.bob.email, E2E.bob.password)).toBe("signed-in");
  });
});
