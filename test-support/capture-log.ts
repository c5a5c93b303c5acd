import { createLogger, replaceLogger } from "@/lib/log";

/**
 * Captures what the server logs while a test runs: the raw lines (to search
 * for what must never appear) and the records they hold.
 */
export function captureLog() {
  const lines: string[] = [];
  const previous = replaceLogger(createLogger({ write: (line: string) => void lines.push(line.trimEnd()) }));
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => void lines.splice(0),
    restore: () => void replaceLogger(previous),
  };
}
