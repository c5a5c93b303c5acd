import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { E2E } from "./env";

/**
 * Several `next start` processes of the production build sharing one
 * Postgres database, as replicas or Lambda instances do: a spec starts them
 * on a database of its own (created on the server DATABASE_URL names) and can
 * stop one with a signal and start it again.
 */

export const SHARED_SECRET = "e2e-shared-servers-auth-secret-0123456789abcdef";

export interface SharedServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** The database URL for the spec's own database on DATABASE_URL's server. */
export function sharedDatabaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and creates `name` on the server of `base`. */
export async function freshDatabase(base: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

const serverEnv = (databaseUrl: string, dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: SHARED_SECRET,
  OPENAI_API_KEY: "sk-test",
  OPENAI_BASE_URL: `${E2E.fakeOrigin}/v1`,
  AZURE_OPENAI_ENDPOINT: "",
  SETUP_CODE: "",
  ...extra,
});

/** Adds an account to the database, through the command line as an operator would. */
export function addAccount(databaseUrl: string, email: string, password: string): void {
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/user.ts", "add", email, "--name", "Shared"], {
    input: `${password}\n`,
    env: serverEnv(databaseUrl, ".e2e/shared-cli", {}),
    stdio: ["pipe", "ignore", "inherit"],
  });
}

export async function startServer(port: number, databaseUrl: string, extra: Record<string, string> = {}): Promise<SharedServer> {
  const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: serverEnv(databaseUrl, `.e2e/shared-${port}`, extra),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited while starting.`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 600) throw new Error(`The server on port ${port} did not start.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, process: child, exited };
}

/** Stops a server at once (SIGKILL) if it is still running. */
export async function killServer(server: SharedServer | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null || server.process.signalCode !== null) return;
  server.process.kill("SIGKILL");
  await server.exited;
}
