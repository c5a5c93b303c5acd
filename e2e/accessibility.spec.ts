import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { scriptReply } from "../test-support/fake-openai/client";
import { E2E } from "./support/env";
import { replies, send, yourMessages } from "./support/chat-page";
import { unique } from "./support/session";

/** Serious and critical WCAG 2.1 A/AA violations, described well enough to fix. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const reply = [
  "Here is **bold**, a [link](https://example.com), `inline code` and $x^2$.",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "",
  "> a quote",
  "",
  "```ts",
  "const answer: number = 42; // the answer",
  'export function greet(name: string) { return `hi ${name}`; }',
  "```",
  "",
  "$$",
  "\\frac{a}{b}",
  "$$",
].join("\n");

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test.describe("signed out", () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test("the sign-in page", async ({ page }) => {
        await page.goto("/sign-in");
        await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    });

    test.describe("signed in", () => {
      test.use({ storageState: E2E.alice.state });

      test("the chat with a rich reply, its shortcuts help and the settings", async ({ page }) => {
        // Five full axe runs, each seconds long on a shared two-core machine.
        test.slow();
        const token = unique(`a11y-${colorScheme}`);
        await scriptReply(E2E.fakeOrigin, token, { chunks: [reply] });
        await page.goto("/");
        expect(await violations(page)).toEqual([]);

        await send(page, `show everything ${token}`);
        await expect(replies(page).locator(".katex-display")).toBeVisible();
        await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
        expect(await violations(page)).toEqual([]);

        await yourMessages(page).getByRole("button", { name: "Edit" }).click();
        await expect(page.getByRole("textbox", { name: "Edit message" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await page.keyboard.press("Escape");

        await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await page.keyboard.press("Escape");

        await page.getByRole("button", { name: "Settings" }).click();
        await expect(page.getByRole("dialog", { name: "Settings" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });

      test("the phone layout with the drawer open", async ({ page }) => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto("/");
        await page.getByRole("button", { name: "Open menu" }).click();
        await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    });
  });
}
