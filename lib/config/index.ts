import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Runtime configuration, read from the environment once and validated, so a
 * typo in a variable fails loudly at start rather than on the first request.
 */

export type ProviderConfig =
  | { kind: "openai"; apiKey: string; baseURL: string | undefined }
  | { kind: "azure"; endpoint: string; apiKey: string; apiVersion: string };

export interface AppConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Null when no model provider is configured; the chat explains what to set. */
  provider: ProviderConfig | null;
  defaultModel: string;
  /** ALLOWED_MODELS: the only models offered (besides the default); null offers all the provider lists. */
  allowedModels: string[] | null;
  /** Longest silence tolerated from the provider, before the first token and between tokens. */
  providerTimeoutMs: number;
  /** Reverse proxies in front of Parley that append to X-Forwarded-For. */
  trustedProxyHops: number;
}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

const envSchema = z.object({
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url("OPENAI_BASE_URL must be a URL").optional()),
  AZURE_OPENAI_ENDPOINT: optionalString.pipe(z.url("AZURE_OPENAI_ENDPOINT must be a URL").optional()),
  AZURE_OPENAI_API_KEY: optionalString,
  OPENAI_API_VERSION: optionalString,
  DEFAULT_MODEL: optionalString,
  ALLOWED_MODELS: optionalString,
  TRUSTED_PROXY_HOPS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number("TRUSTED_PROXY_HOPS must be a whole number").int().min(0).max(10).optional()),
  PROVIDER_TIMEOUT_MS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(
      z
        .number("PROVIDER_TIMEOUT_MS must be a number of milliseconds")
        .int()
        .min(100, "PROVIDER_TIMEOUT_MS must be at least 100")
        .max(3_600_000, "PROVIDER_TIMEOUT_MS must be at most 3600000")
        .optional(),
    ),
});

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? ".data"),
    databaseUrl: e.DATABASE_URL,
    provider: readProvider(e),
    defaultModel: e.DEFAULT_MODEL ?? "gpt-4o-mini",
    allowedModels: parseModelList(e.ALLOWED_MODELS),
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS ?? 60_000,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 1,
  };
}

/** "a, b,,a" → ["a", "b"]; nothing listed → null. */
export function parseModelList(value: string | undefined): string[] | null {
  const names = [...new Set((value ?? "").split(",").map((name) => name.trim()).filter(Boolean))];
  return names.length > 0 ? names : null;
}

function readProvider(e: z.infer<typeof envSchema>): ProviderConfig | null {
  if (e.AZURE_OPENAI_ENDPOINT) {
    const apiKey = e.AZURE_OPENAI_API_KEY ?? e.OPENAI_API_KEY;
    if (!apiKey) {
      throw new Error("Invalid configuration: AZURE_OPENAI_ENDPOINT is set but AZURE_OPENAI_API_KEY is not.");
    }
    return {
      kind: "azure",
      endpoint: e.AZURE_OPENAI_ENDPOINT,
      apiKey,
      apiVersion: e.OPENAI_API_VERSION ?? "2024-10-21",
    };
  }
  if (e.OPENAI_API_KEY || e.OPENAI_BASE_URL) {
    // Local OpenAI-compatible servers (Ollama, vLLM) accept any key.
    return { kind: "openai", apiKey: e.OPENAI_API_KEY ?? "not-needed", baseURL: e.OPENAI_BASE_URL };
  }
  return null;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= readConfig();
  return cached;
}

/**
 * AUTH_SECRET from the environment, or one generated on first run and kept in
 * the data directory so sessions survive restarts without any setup.
 */
export function getAuthSecret(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  cachedSecret ??= readOrCreateSecret();
  return cachedSecret;
}

let cachedSecret: string | undefined;

function readOrCreateSecret(): string {
  if (getConfig().databaseUrl) {
    // Each server would generate its own secret and reject the others' sessions.
    console.warn("AUTH_SECRET is not set: using one generated in DATA_DIR. Set AUTH_SECRET when several servers share DATABASE_URL.");
  }
  const file = path.join(getConfig().dataDir, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored) return stored;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": when two processes start at once, the first writer wins and the
    // other reads its secret, so both sign the same sessions.
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
}
