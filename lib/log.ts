import pino, { type DestinationStream, type Logger } from "pino";
import { observabilityConfig } from "@/lib/config/observability";

/**
 * The server's log: one JSON object per line on stdout (CloudWatch Logs on
 * AWS takes the lines as they are; `npm run dev` prints them readably).
 * People appear by user id only. An error is logged as `err` and goes
 * through describeForLog, and the fields that could carry what people typed
 * or who they are (emails, names, texts, passwords and keys) are censored
 * wherever they appear, so a careless call cannot leak them.
 */

const SECRET_FIELDS = ["email", "name", "text", "password", "passwordHash", "apiKey", "key", "authorization", "cookie"];

/** The logger, writing to stdout, or to `destination` (tests). */
export function createLogger(destination?: DestinationStream): Logger {
  const { logLevel } = observabilityConfig();
  const pretty = !destination && process.env.NODE_ENV === "development";
  const options = {
    level: logLevel,
    // pid and hostname say nothing on a one-process server or a Lambda.
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: (error: unknown) => describeForLog(error) },
    redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: "[redacted]" },
    // Last line of defence, for a message or field nobody thought of: no email address or password hash leaves.
    hooks: { streamWrite: (line: string) => (line.includes("@") || line.includes("scrypt$") ? maskSecrets(line) : line) },
    ...(pretty && { transport: { target: "pino-pretty", options: { colorize: true } } }),
  } satisfies pino.LoggerOptions;
  return destination ? pino(options, destination) : pino(options);
}

// Next bundles instrumentation, proxy and each route apart: one logger for all.
const LOGGER = Symbol.for("parley.logger");
type WithLogger = typeof globalThis & { [LOGGER]?: Logger };

export function getLogger(): Logger {
  const global = globalThis as WithLogger;
  return (global[LOGGER] ??= createLogger());
}

/** Puts `logger` in place of the shared one (tests read what was logged); answers the one it replaced. */
export function replaceLogger(logger: Logger | undefined): Logger | undefined {
  const global = globalThis as WithLogger;
  const previous = global[LOGGER];
  global[LOGGER] = logger;
  return previous;
}

/**
 * An error for the server log without the values it may carry: drivers append
 * a failed query's parameters to their messages (what people typed, email
 * addresses, password hashes), and V8 repeats the whole message, every line
 * of it, at the top of the stack. Every error Parley logs goes through here.
 */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === "string" ? redact(error) : `Thrown ${typeof error}`;
  const chain = [error];
  for (let cause = causeOf(error); cause && chain.length <= MAX_CAUSES; cause = causeOf(cause)) chain.push(cause);
  const lines = chain.map((e, i) => `${i === 0 ? "" : "caused by "}${e.name}: ${redact(e.message)}`);
  // Only frames: a stack's first lines are its message again, unredacted.
  const frames = chain.flatMap((e) => (e.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)));
  // Where in Parley it failed says more than the driver's internals.
  const own = frames.filter((line) => !/node_modules|node:internal|wasm:\/\//.test(line));
  return [...lines, ...(own.length > 0 ? own : frames).slice(0, MAX_FRAMES)].join("\n");
}

const MAX_CAUSES = 4;
const MAX_FRAMES = 5;

// Parameters as drizzle appends them ("\nparams: …"), to the end of the message.
const PARAMS = /\s*\bparams:[\s\S]*$/;
const EMAIL = /[^\s@"'`<>()[\]{},;:]+@[^\s@"'`<>()[\]{},;:]+\.[a-z]{2,}/gi;
// lib/auth/password.ts stores `scrypt$N$r$p$salt$hash`.
const PASSWORD_HASH = /scrypt\$[^\s"'`,)]*/g;

function redact(message: string): string {
  return maskSecrets(message.replace(PARAMS, " [parameters omitted]"));
}

function maskSecrets(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PASSWORD_HASH, "[password hash]");
}

/** The error behind this one: a standard `cause`, or Auth.js's `cause.err`. */
function causeOf(error: Error): Error | undefined {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause;
  if (cause && typeof cause === "object" && "err" in cause && cause.err instanceof Error) return cause.err;
  return undefined;
}
