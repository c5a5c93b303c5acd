// Over 300 lines: every setting is read and validated here, once, so the whole configuration reads in one place.
import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseCapabilityOverrides, type ApiStyle, type CapabilityOverride } from "@/lib/llm/capabilities";
import type { LimitValues } from "@/lib/store/types";
import { parseModelPrices, priceTable, type ModelPrice } from "@/lib/usage/prices";
import { NO_LINKS, readLinkedValues, type LinkedValues } from "./linked-values";
import { sstLinks } from "./sst-resource-lookup";

/**
 * Runtime configuration, read from the environment and SST links once and
 * validated, so a typo in a variable fails loudly at start rather than on the
 * first request.
 */

export type { ApiStyle };

/** What every provider kind may carry besides its address and key. */
interface ProviderModels {
  /** OPENAI_API_STYLE; absent chooses by provider (lib/llm/api-style.ts). */
  apiStyle?: ApiStyle;
  /** MODEL_CAPABILITIES: what models the built-in table does not know accept. */
  capabilityOverrides?: CapabilityOverride[];
}

export type ProviderConfig =
  | ({ kind: "openai"; apiKey: string; baseURL: string | undefined } & ProviderModels)
  | ({
      kind: "azure";
      endpoint: string;
      apiKey: string;
      /** A dated version (e.g. 2024-10-21) uses the deployment URLs; "v1" Azure's v1 API (OpenAI's URLs). */
      apiVersion: string;
      /** AZURE_OPENAI_DEPLOYMENTS: the deployment names people choose from (they stand in for model names). */
      deployments: string[];
    } & ProviderModels);

/** Context windows in tokens: a default for unknown models and per-model-prefix overrides. */
export interface ContextWindowConfig {
  /** CONTEXT_WINDOW: used for models Parley knows nothing about (default 8192). */
  default: number | undefined;
  /** MODEL_CONTEXT_WINDOWS="llama3=8192,qwen=32768": prefix of a model name → window; longest prefix wins. */
  byModel: Array<{ prefix: string; tokens: number }>;
}

/** Where Parley keeps its data; exactly one engine per process. */
export type StoreConfig =
  | { engine: "dynamo"; tableName: string }
  | { engine: "postgres"; url: string }
  | { engine: "pglite"; dataDir: string };

/** Where attachments' bytes live (lib/blobs): files under DATA_DIR, or an S3 bucket. */
export type BlobConfig = { engine: "files"; dir: string } | { engine: "s3"; bucket: string };

/**
 * Where the client's address comes from, as the operator configured it:
 * - `socket`: nothing in front of Parley; the address the connection came from.
 * - `forwarded-for`: `hops` proxies in front, each appending the address it
 *   saw to X-Forwarded-For; the client is that many entries from the right,
 *   past anything it wrote itself.
 * - `header`: a proxy that writes the client's address into one header of its
 *   own, replacing any the client sent (the AWS deployment's CloudFront).
 */
export type ClientAddressSource =
  | { from: "socket" }
  | { from: "forwarded-for"; hops: number }
  | { from: "header"; name: string };

export interface AppConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  store: StoreConfig;
  /** The linked bucket or S3_BUCKET; else DATA_DIR/files. */
  blobs: BlobConfig;
  /** VISION_MODELS: model-name prefixes that take images, besides the known families (lib/llm/vision.ts). */
  visionModels: string[];
  /** The DynamoDB table of a serverless deployment (the same as store.tableName). */
  dynamoTable: string | undefined;
  /** From AUTH_SECRET or the linked secret; undefined means "generate one in dataDir". */
  authSecret: string | undefined;
  /** Null when no model provider is configured; the chat explains what to set. */
  provider: ProviderConfig | null;
  defaultModel: string;
  /** ALLOWED_MODELS: the only models offered (besides the default); null offers all the provider lists. */
  allowedModels: string[] | null;
  /** Longest silence tolerated from the provider, before the first token and between tokens. */
  providerTimeoutMs: number;
  /** Where sign-in throttling finds the client's address (TRUSTED_PROXY_HOPS, CLIENT_ADDRESS_HEADER). */
  clientAddress: ClientAddressSource;
  /** A streamed reply silent this long gets a keep-alive comment (proxies drop quiet responses). */
  streamKeepAliveMs: number;
  /** A reply still being written after this long is ended and stored (serverless time limits). */
  replyTimeLimitMs: number | undefined;
  /** SHUTDOWN_GRACE_MS: on SIGTERM, how long running replies may go on before they are stored as interrupted. */
  shutdownGraceMs: number;
  /** Asked for by the first-run page when set (see lib/auth/setup-code.ts). */
  setupCode: string | undefined;
  contextWindows: ContextWindowConfig;
  /** TITLE_MODEL: model that names new conversations; undefined = see lib/llm/title.ts. */
  titleModel: string | undefined;
  /** API_ALLOWED_ORIGINS: browser origins allowed to call /api/v1 (CORS); empty allows none, "*" any. */
  apiAllowedOrigins: string[];
  /** LIMIT_*: everyone's limits until an admin sets others (lib/limits); null is no limit. */
  limits: LimitValues;
  /** The built-in price table with MODEL_PRICES applied (lib/usage/prices.ts). */
  modelPrices: ModelPrice[];
  /** APP_URL (else AUTH_URL): the address people open Parley at; the command line builds invite links with it. */
  appUrl: string | undefined;
}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

/** A limit from the environment: a whole number, or "none" for no limit; undefined when unset. */
const limitVariable = (name: string, min = 0) =>
  optionalString.transform((value, context): number | null | undefined => {
    if (value === undefined) return undefined;
    if (value.toLowerCase() === "none") return null;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > 1e12) {
      context.addIssue({ code: "custom", message: `${name} must be a whole number of at least ${min}, or "none"` });
      return z.NEVER;
    }
    return n;
  });

const envSchema = z.object({
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  DYNAMODB_TABLE: optionalString.pipe(
    z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{3,255}$/, "DYNAMODB_TABLE must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)")
      .optional(),
  ),
  AUTH_SECRET: optionalString,
  S3_BUCKET: optionalString.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be an S3 bucket name (3-63 of a-z 0-9 . -)")
      .optional(),
  ),
  VISION_MODELS: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url("OPENAI_BASE_URL must be a URL").optional()),
  AZURE_OPENAI_ENDPOINT: optionalString.pipe(z.url("AZURE_OPENAI_ENDPOINT must be a URL").optional()),
  AZURE_OPENAI_API_KEY: optionalString,
  OPENAI_API_VERSION: optionalString,
  AZURE_OPENAI_DEPLOYMENTS: optionalString,
  CONTEXT_WINDOW: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(
      z
        .number("CONTEXT_WINDOW must be a number of tokens")
        .int("CONTEXT_WINDOW must be a whole number of tokens")
        .min(1_024, "CONTEXT_WINDOW must be at least 1024")
        .max(10_000_000, "CONTEXT_WINDOW must be at most 10000000")
        .optional(),
    ),
  MODEL_CONTEXT_WINDOWS: optionalString,
  MODEL_CAPABILITIES: optionalString,
  OPENAI_API_STYLE: optionalString.pipe(z.enum(["responses", "chat"], 'OPENAI_API_STYLE must be "responses" or "chat"').optional()),
  TITLE_MODEL: optionalString,
  APP_URL: optionalString.pipe(z.url("APP_URL must be a URL, e.g. https://chat.example.com").optional()),
  AUTH_URL: optionalString.pipe(z.url("AUTH_URL must be a URL").optional()),
  DEFAULT_MODEL: optionalString,
  SETUP_CODE: optionalString.pipe(
    z.string().min(12, "SETUP_CODE must be at least 12 characters (e.g. openssl rand -base64 18)").optional(),
  ),
  ALLOWED_MODELS: optionalString,
  TRUSTED_PROXY_HOPS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number("TRUSTED_PROXY_HOPS must be a whole number").int().min(0).max(10).optional()),
  CLIENT_ADDRESS_HEADER: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, "CLIENT_ADDRESS_HEADER must be a header name, e.g. X-Real-IP")
      .transform((name) => name.toLowerCase())
      .optional(),
  ),
  REPLY_TIME_LIMIT_MS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(
      z
        .number("REPLY_TIME_LIMIT_MS must be a number of milliseconds")
        .int()
        .min(1_000, "REPLY_TIME_LIMIT_MS must be at least 1000")
        .optional(),
    ),
  STREAM_KEEPALIVE_MS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(
      z
        .number("STREAM_KEEPALIVE_MS must be a number of milliseconds")
        .int()
        .min(1_000, "STREAM_KEEPALIVE_MS must be at least 1000")
        .max(300_000, "STREAM_KEEPALIVE_MS must be at most 300000")
        .optional(),
    ),
  SHUTDOWN_GRACE_MS: optionalString
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(
      z
        .number("SHUTDOWN_GRACE_MS must be a number of milliseconds")
        .int()
        .min(0, "SHUTDOWN_GRACE_MS must be at least 0")
        .max(3_600_000, "SHUTDOWN_GRACE_MS must be at most 3600000")
        .optional(),
    ),
  API_ALLOWED_ORIGINS: optionalString.transform((value, context) => {
    const origins = [...new Set((value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean))];
    for (const origin of origins) {
      if (origin !== "*" && !isOrigin(origin)) {
        context.addIssue({
          code: "custom",
          message: `"${origin}" is not an origin (scheme://host[:port], nothing after it), e.g. https://app.example.com`,
        });
      }
    }
    return origins;
  }),
  LIMIT_TOKENS_PER_DAY: limitVariable("LIMIT_TOKENS_PER_DAY"),
  LIMIT_REPLIES_PER_HOUR: limitVariable("LIMIT_REPLIES_PER_HOUR"),
  LIMIT_REPLIES_AT_ONCE: limitVariable("LIMIT_REPLIES_AT_ONCE", 1),
  MODEL_PRICES: optionalString,
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

/**
 * Pure: the configuration that `env` and `links` describe. A linked secret
 * that has a value wins over the variable it stands for; a linked table wins
 * over DYNAMODB_TABLE.
 */
export function readConfig(
  env: Record<string, string | undefined> = process.env,
  links: LinkedValues = NO_LINKS,
): AppConfig {
  const parsed = envSchema.safeParse({
    ...env,
    ...links.env,
    DYNAMODB_TABLE: links.tableName ?? env.DYNAMODB_TABLE,
    S3_BUCKET: links.bucketName ?? env.S3_BUCKET,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? ".data");
  const store = readStore(e, dataDir);
  if (store.engine === "dynamo" && !e.AUTH_SECRET) {
    // A generated secret lives in DATA_DIR, which a serverless function does
    // not keep: every cold start would sign people out of every session.
    throw new Error(
      "Invalid configuration: AUTH_SECRET is required with DynamoDB. " +
        "Deployed with SST: `npx sst secret set AuthSecret \"$(openssl rand -base64 32)\"`; otherwise set AUTH_SECRET.",
    );
  }
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL,
    store,
    blobs: e.S3_BUCKET ? { engine: "s3", bucket: e.S3_BUCKET } : { engine: "files", dir: path.join(dataDir, "files") },
    visionModels: (parseModelList(e.VISION_MODELS) ?? []).map((name) => name.toLowerCase()),
    dynamoTable: store.engine === "dynamo" ? store.tableName : undefined,
    authSecret: e.AUTH_SECRET,
    provider: readProvider(e),
    defaultModel: e.DEFAULT_MODEL ?? "gpt-4o-mini",
    allowedModels: parseModelList(e.ALLOWED_MODELS),
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS ?? 60_000,
    clientAddress: readClientAddress(e),
    setupCode: e.SETUP_CODE,
    streamKeepAliveMs: e.STREAM_KEEPALIVE_MS ?? 10_000,
    replyTimeLimitMs: e.REPLY_TIME_LIMIT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? 10_000,
    contextWindows: { default: e.CONTEXT_WINDOW, byModel: parseModelWindows(e.MODEL_CONTEXT_WINDOWS) },
    titleModel: e.TITLE_MODEL,
    apiAllowedOrigins: e.API_ALLOWED_ORIGINS,
    limits: {
      tokensPerDay: e.LIMIT_TOKENS_PER_DAY ?? null,
      repliesPerHour: e.LIMIT_REPLIES_PER_HOUR ?? null,
      // Each running reply costs; a few at once is plenty for one person.
      repliesAtOnce: e.LIMIT_REPLIES_AT_ONCE === undefined ? 3 : e.LIMIT_REPLIES_AT_ONCE,
    },
    modelPrices: priceTable(parseModelPrices(e.MODEL_PRICES)),
    appUrl: (e.APP_URL ?? e.AUTH_URL)?.replace(/\/+$/, ""),
  };
}

/** "https://app.example.com" or "http://localhost:5173": exactly what a browser sends as Origin. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * A header named by the operator wins: it says exactly which proxy to
 * believe. Otherwise X-Forwarded-For past TRUSTED_PROXY_HOPS proxies, and
 * with none (the default, a bare `next start`) the connection's own address,
 * since any X-Forwarded-For then is whatever the client chose to send.
 */
function readClientAddress(e: z.infer<typeof envSchema>): ClientAddressSource {
  if (e.CLIENT_ADDRESS_HEADER) return { from: "header", name: e.CLIENT_ADDRESS_HEADER };
  const hops = e.TRUSTED_PROXY_HOPS ?? 0;
  return hops === 0 ? { from: "socket" } : { from: "forwarded-for", hops };
}

/** The linked table (or DYNAMODB_TABLE) first: a deployment links it on purpose. */
function readStore(e: z.infer<typeof envSchema>, dataDir: string): StoreConfig {
  if (e.DYNAMODB_TABLE) return { engine: "dynamo", tableName: e.DYNAMODB_TABLE };
  if (e.DATABASE_URL) return { engine: "postgres", url: e.DATABASE_URL };
  return { engine: "pglite", dataDir };
}

/** "llama3=8192, qwen=32768" → [{ prefix: "llama3", tokens: 8192 }, …]; throws on a malformed entry. */
export function parseModelWindows(value: string | undefined): ContextWindowConfig["byModel"] {
  if (!value) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const at = entry.lastIndexOf("=");
      const prefix = at > 0 ? entry.slice(0, at).trim().toLowerCase() : "";
      const tokens = at > 0 ? Number(entry.slice(at + 1).trim()) : Number.NaN;
      if (!prefix || !Number.isInteger(tokens) || tokens < 1_024 || tokens > 10_000_000) {
        throw new Error(
          `Invalid configuration:\n  MODEL_CONTEXT_WINDOWS: "${entry}" is not model=tokens (a whole number from 1024 to 10000000), e.g. llama3=8192,qwen=32768`,
        );
      }
      return { prefix, tokens };
    });
}

/** "a, b,,a" → ["a", "b"]; nothing listed → null. */
export function parseModelList(value: string | undefined): string[] | null {
  const names = [...new Set((value ?? "").split(",").map((name) => name.trim()).filter(Boolean))];
  return names.length > 0 ? names : null;
}

function readProvider(e: z.infer<typeof envSchema>): ProviderConfig | null {
  const capabilityOverrides = parseCapabilityOverrides(e.MODEL_CAPABILITIES);
  const models: ProviderModels = {
    ...(e.OPENAI_API_STYLE ? { apiStyle: e.OPENAI_API_STYLE } : {}),
    ...(capabilityOverrides.length > 0 ? { capabilityOverrides } : {}),
  };
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
      deployments: parseModelList(e.AZURE_OPENAI_DEPLOYMENTS) ?? [],
      ...models,
    };
  }
  if (e.OPENAI_API_KEY || e.OPENAI_BASE_URL) {
    // Local OpenAI-compatible servers (Ollama, vLLM) accept any key.
    return { kind: "openai", apiKey: e.OPENAI_API_KEY ?? "not-needed", baseURL: e.OPENAI_BASE_URL, ...models };
  }
  return null;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= readConfig(process.env, readLinkedValues(sstLinks));
  return cached;
}

/**
 * AUTH_SECRET (variable or linked secret), or one generated on first run and
 * kept in the data directory so sessions survive restarts without any setup.
 */
export function getAuthSecret(config: AppConfig = getConfig()): string {
  if (config.authSecret) return config.authSecret;
  cachedSecret ??= readOrCreateSecret(config);
  return cachedSecret;
}

let cachedSecret: string | undefined;

function readOrCreateSecret(config: AppConfig): string {
  if (config.databaseUrl) {
    // Each server would generate its own secret and reject the others' sessions.
    console.warn("AUTH_SECRET is not set: using one generated in DATA_DIR. Set AUTH_SECRET when several servers share DATABASE_URL.");
  }
  const file = path.join(config.dataDir, "auth-secret");
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
