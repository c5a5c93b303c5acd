import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { messageBox } from "./support/chat-page";
import { alerts } from "./support/session";

test.describe("signed out", () => {
  test("pages redirect to sign-in and the API answers 401 JSON", async ({ page, request }) => {
    await page.goto("/c/6b0f1c1e-8a8f-4a4e-9d63-1f2a3b4c5d6e");
    // Sent to sign in, with the way back remembered.
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fc%2F6b0f1c1e-8a8f-4a4e-9d63-1f2a3b4c5d6e$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

    for (const [method, path] of [
      ["GET", "/api/conversations"],
      ["GET", "/api/settings"],
      ["POST", "/api/chat"],
    ] as const) {
      const response = await request.fetch(path, { method, data: method === "POST" ? {} : undefined });
      expect(response.status(), `${method} ${path}`).toBe(401);
      expect((await response.json()).error.message).toMatch(/sign in/i);
    }
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E.bob.email);
    await page.getByLabel("Password").fill("not-bobs-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alerts(page)).toHaveText("Incorrect email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(E2E.bob.email);

    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alerts(page)).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("sign in, then sign out", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E.bob.email.toUpperCase());
    await page.getByLabel("Password").fill(E2E.bob.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(messageBox(page)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("signing in returns to the page that asked for it, and only within the site", async ({ page }) => {
    const target = "/c/5a0e7c44-2b8f-4c1e-9d3a-7e6f5a4b3c2d";
    await page.goto(target);
    await page.getByLabel("Email").fill(E2E.bob.email);
    await page.getByLabel("Password").fill(E2E.bob.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await page.getByRole("button", { name: "Sign out" }).click();

    await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Email").fill(E2E.bob.email);
    await page.getByLabel("Password").fill(E2E.bob.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(messageBox(page)).toBeVisible();
    expect(new URL(page.url()).origin).toBe(E2E.appUrl);
  });
});

test.describe("signed in", () => {
  test.use({ storageState: E2E.alice.state });

  test("the sign-in page sends people on only within the site, whatever the way back looks like", async ({ request }) => {
    const ownPath = "/c/5a0e7c44-2b8f-4c1e-9d3a-7e6f5a4b3c2d";
    const redirectFor = async (query: string) => {
      const response = await request.get(`/sign-in?callbackUrl=${query}`, { maxRedirects: 0 });
      expect(response.status(), query).toBe(307);
      // Resolved as a browser would, tabs and backslashes included.
      return new URL(response.headers().location, E2E.appUrl);
    };

    expect((await redirectFor(encodeURIComponent(ownPath))).href).toBe(`${E2E.appUrl}${ownPath}`);
    for (const query of [
      "/%09/evil.example",
      "/%0A/evil.example",
      "/%5C/evil.example",
      "%5C%5Cevil.example",
      "//evil.example",
      "https://evil.example/",
      "%2Fa%2F..%2F%2Fevil.example",
    ]) {
      expect((await redirectFor(query)).href, query).toBe(`${E2E.appUrl}/`);
    }
  });
});
