import { expect, test, type Page } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { messageBox, replies, send } from "./support/chat-page";
import { unique } from "./support/session";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

const signedOut = { cookies: [], origins: [] };

const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

test.describe("security headers", () => {
  test.use({ storageState: E2E.alice.state });

  for (const path of ["/sign-in", "/"]) {
    test(`${path} sends a nonce policy and the other security headers`, async ({ browser }) => {
      // Signed out for /sign-in (signed in, it redirects away), signed in for /.
      const context = await browser.newContext({ storageState: path === "/sign-in" ? signedOut : E2E.alice.state });
      const response = await context.request.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      const headers = response.headers();
      const policy = headers["content-security-policy"];
      expect(policy).toBeTruthy();
      const csp = directives(policy);
      const nonce = nonceOf(policy);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp.get("script-src")).toEqual(expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]));
      expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
      expect(policy).not.toContain("'unsafe-eval'");
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'self'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      expect(headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);

      // Every script Next.js renders carries this response's nonce.
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

      // A fresh nonce for every view.
      const again = await context.request.get(path, { maxRedirects: 0 });
      expect(nonceOf(again.headers()["content-security-policy"])).not.toBe(nonce);
      await context.close();
    });
  }

  test("route handlers and static files carry the headers that apply to them", async ({ page }) => {
    const api = await page.request.get("/api/health");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(api.headers()["strict-transport-security"]).toBeTruthy();

    await page.goto("/");
    const script = await page.locator("script[src]").first().getAttribute("src");
    const file = await page.request.get(script!);
    expect(file.status()).toBe(200);
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  });
});

/** Records every policy violation the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to|Permissions-Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} (${event.sample})`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])),
  ];
}

test("signing in, chatting with math, settings and a reload all work under the policy", async ({ browser }) => {
  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  const violations = await watchViolations(page);

  const signInPage = await page.goto("/sign-in");
  expect(signInPage?.headers()["content-security-policy"]).toContain("'nonce-");
  await page.getByLabel("Email").fill(E2E.alice.email);
  await page.getByLabel("Password").fill(E2E.alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(messageBox(page)).toBeVisible();
  expect(await violations()).toEqual([]);

  const token = unique("csp");
  await scriptReply(E2E.fakeOrigin, token, {
    chunks: ["Euler: $e^{i\\pi} + 1 = 0$ and\n\n", "$$\n\\frac{a}{b} = \\sqrt{x^2}\n$$\n\n", "**bold** and `code`\n\n```js\nconst x = 1;\n```"],
  });
  const font = page.waitForResponse((r) => /KaTeX_Main-Regular[^/]*\.woff2$/.test(r.url()));
  await send(page, `math ${token}`);
  const answer = replies(page).last();
  await expect(answer.locator(".katex-display")).toHaveCount(1);
  await expect(answer.locator(".katex")).toHaveCount(2);
  await expect(answer.locator("strong")).toHaveText("bold");
  expect((await font).status()).toBe(200);
  await expect(page).toHaveURL(/\/c\//);

  const settings = page.getByRole("button", { name: "Settings", exact: true });
  await settings.click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog.getByRole("combobox", { name: "Model", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Server-rendered history: KaTeX's layout arrives as style attributes.
  const reload = await page.reload();
  expect(reload?.headers()["content-security-policy"]).toContain("'nonce-");
  const history = replies(page).last();
  await expect(history.locator(".katex-display")).toHaveCount(1);
  const strut = history.locator(".katex-display .strut").first();
  expect(await strut.getAttribute("style")).toMatch(/height:/);
  // The fraction's numerator is raised by a style attribute (vlist top).
  const fraction = history.locator(".katex-display .mfrac .vlist > span").first();
  expect(await fraction.evaluate((el) => (el as HTMLElement).style.top)).not.toBe("");
  expect(await fraction.evaluate((el) => getComputedStyle(el).top)).not.toBe("auto");
  // The page is interactive after hydration: the composer takes input.
  await messageBox(page).fill("still works");
  await expect(messageBox(page)).toHaveValue("still works");

  expect(await violations()).toEqual([]);
  await context.close();
});
