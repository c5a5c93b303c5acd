/** Ports, directories and accounts shared by the Playwright config and the specs. */
export const E2E = {
  fakePort: 4310,
  fakeOrigin: "http://127.0.0.1:4310",
  freshPort: 3310,
  freshUrl: "http://127.0.0.1:3310",
  freshDir: ".e2e/fresh",
  appPort: 3311,
  appUrl: "http://127.0.0.1:3311",
  appDir: ".e2e/app",
  alice: { email: "alice@example.com", password: "alice-password-1", name: "Alice", state: ".e2e/alice.json" },
  bob: { email: "bob@example.com", password: "bob-password-12", name: "Bob", state: ".e2e/bob.json" },
} as const;
