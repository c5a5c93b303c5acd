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
  return message.replace(PARAMS, " [parameters omitted]").replace(EMAIL, "[email]").replace(PASSWORD_HASH, "[password hash]");
}

/** The error behind this one: a standard `cause`, or Auth.js's `cause.err`. */
function causeOf(error: Error): Error | undefined {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause;
  if (cause && typeof cause === "object" && "err" in cause && cause.err instanceof Error) return cause.err;
  return undefined;
}
