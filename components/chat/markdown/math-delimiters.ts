/**
 * Models write math in four ways: $…$, $$…$$, \(…\) and \[…\]. remark-math
 * reads only the dollar forms, and reads every pair of single dollars as math,
 * so "it costs $5 and $10" would turn into a formula. Before parsing, this
 * rewrites the backslash forms into dollar forms and escapes single dollars
 * that cannot be math by Pandoc's rule: an opening $ has a non-space right
 * after it, a closing $ has a non-space right before it and no digit right
 * after it. Code (fenced blocks and inline spans) is left exactly as written.
 *
 * It runs on every streamed update of a reply, and a reply (or an imported
 * message) can be hundreds of thousands of characters, so every pass is
 * linear: no search for a closing delimiter is ever repeated from a later
 * opening one. `work`, when given, counts the characters the passes examine,
 * so a test can hold that bound without timing anything.
 */
export function normalizeMath(markdown: string, work: WorkCounter = { steps: 0 }): string {
  return splitCode(markdown, work)
    .map((segment) => (segment.code ? segment.text : normalizeProse(segment.text, work)))
    .join("");
}

export interface WorkCounter {
  steps: number;
}

interface Segment {
  text: string;
  code: boolean;
}

// Line starts as a JavaScript multiline regular expression sees them: the
// rules below were first written as one, and rendering must not change.
const isLineBreak = (c: string | undefined) => c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029";

/**
 * Fences and inline code, left to right. A fence (up to three spaces, then
 * three or more backticks or tildes, then the rest of its line) runs to the
 * first later line holding the same fence (plus any further fence characters
 * and trailing blanks) or, while a reply is still streaming in, to the end of
 * the text. Inline code is a run of backticks up to the next run of exactly
 * that length.
 */
function splitCode(markdown: string, work: WorkCounter): Segment[] {
  const segments: Segment[] = [];
  const runs = new BacktickRuns(markdown, work);
  let last = 0;
  const code = (start: number, end: number) => {
    if (start > last) segments.push({ text: markdown.slice(last, start), code: false });
    segments.push({ text: markdown.slice(start, end), code: true });
    last = end;
  };
  let p = 0;
  let runEnd = 0;
  while (p < markdown.length) {
    work.steps++;
    if (p === 0 || isLineBreak(markdown[p - 1])) {
      const end = fenceEnd(markdown, p, work);
      if (end !== -1) {
        code(p, end);
        p = end;
        continue;
      }
    }
    if (markdown[p] === "`") {
      // A run that finds no partner is tried again from each of its later
      // backticks, each a shorter opener wanting a shorter partner.
      if (p >= runEnd) runEnd = runs.endOf(p);
      const length = runEnd - p;
      const close = runs.next(length, runEnd);
      if (close !== -1) {
        code(p, close + length);
        p = close + length;
        continue;
      }
    }
    p += 1;
  }
  if (last < markdown.length) segments.push({ text: markdown.slice(last), code: false });
  return segments;
}

/** Where the fence opening at line start `p` ends; -1 if no fence opens there. */
function fenceEnd(text: string, p: number, work: WorkCounter): number {
  let i = p;
  while (i < p + 3 && text[i] === " ") i++;
  const mark = text[i];
  if (mark !== "`" && mark !== "~") return -1;
  let r = i;
  while (text[r] === mark) r++;
  work.steps += r - p;
  if (r - i < 3) return -1;
  const fence = text.slice(i, r);
  const openerEnd = indexOf(text, "\n", r, work);
  if (openerEnd === -1) return -1;
  for (let nl = indexOf(text, "\n", openerEnd + 1, work); nl !== -1; nl = indexOf(text, "\n", nl + 1, work)) {
    const end = closingFenceEnd(text, nl + 1, fence, work);
    if (end !== -1) return end;
  }
  return text.length;
}

/** The end of a closing `fence` on the line starting at `start`; -1 if that line does not close it. */
function closingFenceEnd(text: string, start: number, fence: string, work: WorkCounter): number {
  let i = start;
  while (i < start + 3 && text[i] === " ") i++;
  if (!text.startsWith(fence, i)) return -1;
  i += fence.length;
  while (text[i] === "`" || text[i] === "~") i++;
  while (text[i] === " " || text[i] === "\t") i++;
  work.steps += i - start;
  return i === text.length || isLineBreak(text[i]) ? i : -1;
}

/**
 * Every maximal run of backticks, by length, so the partner of an opening
 * run is a lookup rather than a scan. Openers are met left to right, so each
 * length's cursor only moves forward.
 */
class BacktickRuns {
  private readonly starts = new Map<number, number[]>();
  private readonly cursors = new Map<number, number>();

  constructor(
    private readonly text: string,
    private readonly work: WorkCounter,
  ) {
    for (let i = 0; i < text.length; ) {
      work.steps++;
      if (text[i] !== "`") {
        i++;
        continue;
      }
      const end = this.endOf(i);
      const list = this.starts.get(end - i);
      if (list) list.push(i);
      else this.starts.set(end - i, [i]);
      i = end;
    }
  }

  endOf(i: number): number {
    let end = i;
    while (this.text[end] === "`") end++;
    this.work.steps += end - i;
    return end;
  }

  /** The start of the first run of exactly `length` backticks at or after `from`; -1 if none. */
  next(length: number, from: number): number {
    const list = this.starts.get(length);
    if (!list) return -1;
    let cursor = this.cursors.get(length) ?? 0;
    while (cursor < list.length && list[cursor] < from) {
      this.work.steps++;
      cursor++;
    }
    this.cursors.set(length, cursor);
    return cursor < list.length ? list[cursor] : -1;
  }
}

function normalizeProse(text: string, work: WorkCounter): string {
  let out = escapeLoneDollars(text, work);
  // \[…\] is display math: a $$ block on lines of its own.
  out = replaceDelimited(out, "\\[", "\\]", (tex) => `\n$$\n${tex.trim()}\n$$\n`, work);
  // \(…\) is inline math; $$…$$ inside a line stays inline for remark-math.
  out = replaceDelimited(out, "\\(", "\\)", (tex) => `$$${tex.trim()}$$`, work);
  // A line that is only $$…$$ is meant as display math, not inline. (Linear
  // as it stands: each attempt is anchored at a line start and ends at the
  // line's end.)
  return out.replace(/^[ \t]*\$\$([^\n$]+)\$\$[ \t]*$/gm, (_, tex: string) => `$$\n${tex.trim()}\n$$`);
}

/**
 * Replaces each `open`…`close` pair (non-empty between) by `replace` of what
 * is between. An opener without a closer means no later opener has one
 * either, so the first such ends the work.
 */
function replaceDelimited(
  text: string,
  open: string,
  close: string,
  replace: (inner: string) => string,
  work: WorkCounter,
): string {
  let out = "";
  let last = 0;
  for (let start = indexOf(text, open, 0, work); start !== -1; start = indexOf(text, open, last, work)) {
    const end = indexOf(text, close, start + open.length + 1, work);
    if (end === -1) break;
    out += text.slice(last, start) + replace(text.slice(start + open.length, end));
    last = end + close.length;
  }
  return out + text.slice(last);
}

/** String#indexOf, counting the characters it passes over. */
function indexOf(text: string, search: string, from: number, work: WorkCounter): number {
  const found = text.indexOf(search, from);
  work.steps += (found === -1 ? text.length : found + search.length) - Math.min(from, text.length);
  return found;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

function escapeLoneDollars(text: string, work: WorkCounter): string {
  let out = "";
  let i = 0;
  // When a search for a closing $ fails, it stopped at a paragraph break, a
  // $$ or the end, having passed only dollars that cannot close. Every later
  // opener before that stop would walk the same path to the same stop, so
  // they are escaped without searching again.
  let noCloseBefore = -1;
  while (i < text.length) {
    work.steps++;
    const c = text[i];
    if (c === "\\") {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== "$") {
      out += c;
      i += 1;
      continue;
    }
    if (text[i + 1] === "$") {
      // Display math: keep the whole $$…$$ untouched when it closes.
      const close = indexOf(text, "$$", i + 2, work);
      const end = close === -1 ? i + 2 : close + 2;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    let close = -1;
    if (!isSpace(text[i + 1]) && i >= noCloseBefore) {
      const search = findClosingDollar(text, i + 1, work);
      close = search.close;
      if (close === -1) noCloseBefore = search.stop;
    }
    if (close === -1) {
      out += "\\$";
      i += 1;
    } else {
      out += text.slice(i, close + 1);
      i = close + 1;
    }
  }
  return out;
}

/**
 * The closing single $ of inline math that opens before `from`, within its
 * paragraph (close -1 if none), and where the search stopped.
 */
function findClosingDollar(text: string, from: number, work: WorkCounter): { close: number; stop: number } {
  for (let j = from; j < text.length; j++) {
    work.steps++;
    const c = text[j];
    if (c === "\\") {
      j += 1;
    } else if (c === "\n" && text[j + 1] === "\n") {
      return { close: -1, stop: j };
    } else if (c === "$") {
      if (text[j + 1] === "$") return { close: -1, stop: j };
      if (!isSpace(text[j - 1]) && !isDigit(text[j + 1])) return { close: j, stop: j };
    }
  }
  return { close: -1, stop: text.length };
}
