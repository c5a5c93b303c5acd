/**
 * Models write math in four ways: $…$, $$…$$, \(…\) and \[…\]. remark-math
 * reads only the dollar forms, and reads every pair of single dollars as math,
 * so "it costs $5 and $10" would turn into a formula. Before parsing, this
 * rewrites the backslash forms into dollar forms and escapes single dollars
 * that cannot be math by Pandoc's rule: an opening $ has a non-space right
 * after it, a closing $ has a non-space right before it and no digit right
 * after it. Code (fenced blocks and inline spans) is left exactly as written.
 */
export function normalizeMath(markdown: string): string {
  return splitCode(markdown)
    .map((segment) => (segment.code ? segment.text : normalizeProse(segment.text)))
    .join("");
}

interface Segment {
  text: string;
  code: boolean;
}

// A fence runs to its closing fence or, while a reply is still streaming in,
// to the end of the text. Inline code is a run of backticks up to the same run.
const CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|$)|$(?![\s\S]))|(`+)(?!`)[\s\S]*?[^`]\2(?!`)/gm;

function splitCode(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of markdown.matchAll(CODE)) {
    if (match.index > last) segments.push({ text: markdown.slice(last, match.index), code: false });
    segments.push({ text: match[0], code: true });
    last = match.index + match[0].length;
  }
  if (last < markdown.length) segments.push({ text: markdown.slice(last), code: false });
  return segments;
}

function normalizeProse(text: string): string {
  return (
    escapeLoneDollars(text)
      // \[…\] is display math: a $$ block on lines of its own.
      .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
      // \(…\) is inline math; $$…$$ inside a line stays inline for remark-math.
      .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex: string) => `$$${tex.trim()}$$`)
      // A line that is only $$…$$ is meant as display math, not inline.
      .replace(/^[ \t]*\$\$([^\n$]+)\$\$[ \t]*$/gm, (_, tex: string) => `$$\n${tex.trim()}\n$$`)
  );
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

function escapeLoneDollars(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
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
      const close = text.indexOf("$$", i + 2);
      const end = close === -1 ? i + 2 : close + 2;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const close = isSpace(text[i + 1]) ? -1 : findClosingDollar(text, i + 1);
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

/** The closing single $ of inline math that opens before `from`, within its paragraph; -1 if none. */
function findClosingDollar(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === "\\") {
      j += 1;
    } else if (c === "\n" && text[j + 1] === "\n") {
      return -1;
    } else if (c === "$") {
      if (text[j + 1] === "$") return -1;
      if (!isSpace(text[j - 1]) && !isDigit(text[j + 1])) return j;
    }
  }
  return -1;
}
