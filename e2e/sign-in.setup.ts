import { test as setup } from "@playwright/test";
import { E2E } from "./support/env";
import { signIn } from "./support/session";

for (const who of [E2E.alice, E2E.bob, E2E.carol, E2E.admin, E2E.dave]) {
  setup(`sign in as ${who.name}`, async ({ page }) => {
    await signIn(page, who.email, who.password);
    await page.context().storageState({ path: who.state });
  });
}
