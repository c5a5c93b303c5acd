/**
 * Token counting with OpenAI's o200k_base encoding (gpt-4o, gpt-4.1, gpt-5,
 * o-series), from the pure-JS `gpt-tokenizer`. The encoding's tables (about
 * 2.4 MB of JS) load on first use only, through a dynamic import, so routes
 * that never build a prompt do not pay for them.
 */

type Count = (text: string) => number;

let loading: Promise<Count> | undefined;

/** The counter, loading the encoding the first time. */
export function loadTokenCounter(): Promise<Count> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base").then(
    (encoding) => (text: string) => countInPieces(encoding.countTokens, text),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * BPE takes time quadratic in the length of one unbroken run of characters
 * (200,000 × "x" takes minutes), so long text is counted in pieces of at most
 * PIECE characters, cut at whitespace where there is some. A cut can add a
 * token where one would have spanned it, so each cut counts one extra: the
 * result never falls below the true count.
 */
const PIECE = 1_000;

export function countInPieces(count: Count, text: string): number {
  if (text.length <= PIECE) return count(text);
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PIECE, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + PIECE / 2) end = space;
      // Never split a surrogate pair.
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    }
    total += count(text.slice(start, end));
    if (end < text.length) total += 1;
    start = end;
  }
  return total;
}

/** Upper bound without a tokenizer: no token is shorter than one byte of UTF-8. */
export function maxTokensOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
