/**
 * Ports, directories and accounts shared by the Playwright config and the
 * specs. E2E_PORT_OFFSET moves every port, so two checkouts can run their
 * suites side by side.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const E2E = {
  fakePort: 4310 + offset,
  fakeOrigin: `http://127.0.0.1:${4310 + offset}`,
  freshPort: 3310 + offset,
  freshUrl: `http://127.0.0.1:${3310 + offset}`,
  freshDir: ".e2e/fresh",
  /** The fresh server stands for a public deployment: its first-run page asks for this. */
  setupCode: "e2e-setup-code-4217",
  appPort: 3311 + offset,
  appUrl: `http://127.0.0.1:${3311 + offset}`,
  appDir: ".e2e/app",
  /** Two servers on one Postgres (DATABASE_URL), started by the spec that needs them. */
  sharedPorts: [3331 + offset, 3332 + offset],
  /** The observability spec starts its own server here, to read everything it prints. */
  observabilityPort: 3312 + offset,
  observabilityUrl: `http://127.0.0.1:${3312 + offset}`,
  observabilityDir: ".e2e/observability",
  alice: { email: "alice@example.com", password: "alice-password-1", name: "Alice", state: ".e2e/alice.json" },
  bob: { email: "bob@example.com", password: "bob-password-12", name: "Bob", state: ".e2e/bob.json" },
  /** Only the fuzz spec signs in as Carol, so it can tell what each request changed. */
  carol: { email: "carol@example.com", password: "carol-password-1", name: "Carol", state: ".e2e/carol.json" },
  /** An administrator (made with --admin), for the admin pages. */
  admin: { email: "admin@example.com", password: "admin-password-1", name: "Ada Admin", state: ".e2e/admin.json" },
  /** Only the limits spec chats as Dave, so his usage is exactly what that spec sent. */
  dave: { email: "dave@example.com", password: "dave-password-12", name: "Dave", state: ".e2e/dave.json" },
} as const;
