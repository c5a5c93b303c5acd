/**
 * The part of a searched text around its first match, for search results:
 * a little context before, more after, on word boundaries where possible.
 * Shared by every adapter so results read the same whatever the engine.
 */
const BEFORE = 40;
const AFTER = 100;

export function snippetAround(text: string, query: string): string | null {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return null;
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(text.length, at + query.length + AFTER);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > at + query.length) end = space;
  }
  const body = text.slice(start, end).replace(/\s+/g, " ").trim();
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}
