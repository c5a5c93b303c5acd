/**
 * An error for the server log without the query parameters drivers attach to
 * their messages, which can hold what people typed or password hashes.
 */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const strip = (message: string) => message.replace(/\bparams:[\s\S]*$/, "params: [omitted]");
  const cause = error.cause instanceof Error ? ` (cause: ${strip(error.cause.message)})` : "";
  return `${error.name}: ${strip(error.message)}${cause}\n${error.stack?.split("\n").slice(1, 6).join("\n") ?? ""}`;
}
