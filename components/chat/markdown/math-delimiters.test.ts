import { describe, expect, it } from "vitest";
import { normalizeMath } from "./math-delimiters";

describe("normalizeMath", () => {
  it("keeps dollar math as written", () => {
    expect(normalizeMath("Euler: $e^{i\\pi} + 1 = 0$.")).toBe("Euler: $e^{i\\pi} + 1 = 0$.");
    expect(normalizeMath("$$\n\\int_0^1 x\\,dx\n$$")).toBe("$$\n\\int_0^1 x\\,dx\n$$");
    expect(normalizeMath("inline $$x^2$$ here")).toBe("inline $$x^2$$ here");
  });

  it("turns \\(…\\) into inline math and \\[…\\] into display math", () => {
    expect(normalizeMath("area \\( \\pi r^2 \\) of a circle")).toBe("area $$\\pi r^2$$ of a circle");
    expect(normalizeMath("so\n\\[\na^2 + b^2 = c^2\n\\]\ndone")).toBe("so\n\n$$\na^2 + b^2 = c^2\n$$\n\ndone");
  });

  it("makes a line holding only $$…$$ display math", () => {
    expect(normalizeMath("$$ E = mc^2 $$")).toBe("$$\nE = mc^2\n$$");
  });

  it("escapes dollars that are prices, not math", () => {
    expect(normalizeMath("It costs $5 and $10.")).toBe("It costs \\$5 and \\$10.");
    expect(normalizeMath("$ 5 is cheap")).toBe("\\$ 5 is cheap");
    expect(normalizeMath("between $x$ and $20")).toBe("between $x$ and \\$20");
    expect(normalizeMath("already \\$5 escaped")).toBe("already \\$5 escaped");
  });

  it("does not pair dollars across paragraphs", () => {
    expect(normalizeMath("$a\n\nb$")).toBe("\\$a\n\nb\\$");
  });

  it("leaves code alone, including a fence still streaming in", () => {
    const fenced = "```sh\necho $HOME \\(not math\\)\n```\nafter $5";
    expect(normalizeMath(fenced)).toBe("```sh\necho $HOME \\(not math\\)\n```\nafter \\$5");
    expect(normalizeMath("`$PATH` and $y$")).toBe("`$PATH` and $y$");
    expect(normalizeMath("text\n```js\nconst price = `$${n}`;")).toBe("text\n```js\nconst price = `$${n}`;");
  });
});

describe("normalizeMath on long messages", () => {
  // A message can be imported at this size, and a reply is re-normalised on
  // every streamed update.
  const SIZE = 200_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

  // Each is a worst case for a search that restarts at every opener: openers
  // that never close, so each would scan on to the end of the text.
  const adversarial: Record<string, string> = {
    "dollars that never close": fill("$1 "),
    "dollars before letters": fill("$a "),
    "an unclosed $$ after each": fill("$$a"),
    "\\[ without \\]": fill("\\[ "),
    "\\( without \\)": fill("\\( "),
    "one long backtick run": `a${"`".repeat(SIZE - 1)}`,
    "backtick runs of two lengths": fill("`a``"),
    "fences on every line": fill("```\n"),
    "everything at once": fill("$x `` \\( $1 \\[ ``` ~~~\n"),
  };

  for (const [name, text] of Object.entries(adversarial)) {
    it(`examines each character a bounded number of times: ${name}`, () => {
      const work = { steps: 0 };
      normalizeMath(text, work);
      expect(work.steps).toBeGreaterThan(0);
      // Measured at 2.4–6.7 steps a character; a rescan per opener would be
      // tens of thousands.
      expect(work.steps).toBeLessThan(10 * text.length);
    });
  }
});

describe("normalizeMath agrees with the straightforward version", () => {
  // Short random texts over the characters that matter; the reference below
  // is the direct (quadratic) reading of the rules.
  it("on 20,000 random texts", () => {
    const alphabet = ["$", "$", "$", "\\", "`", "`", "~", "\n", "\n", " ", "1", "a", "[", "]", "(", ")", "\t", "\r", "```"];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let k = 0; k < 20_000; k++) {
      let text = "";
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(normalizeMath(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});

function reference(markdown: string): string {
  const CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|$)|$(?![\s\S]))|(`+)(?!`)[\s\S]*?[^`]\2(?!`)/gm;
  const segments: { text: string; code: boolean }[] = [];
  let last = 0;
  for (const match of markdown.matchAll(CODE)) {
    if (match.index > last) segments.push({ text: markdown.slice(last, match.index), code: false });
    segments.push({ text: match[0], code: true });
    last = match.index + match[0].length;
  }
  if (last < markdown.length) segments.push({ text: markdown.slice(last), code: false });

  const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  const findClosingDollar = (text: string, from: number) => {
    for (let j = from; j < text.length; j++) {
      const c = text[j];
      if (c === "\\") j += 1;
      else if (c === "\n" && text[j + 1] === "\n") return -1;
      else if (c === "$") {
        if (text[j + 1] === "$") return -1;
        if (!isSpace(text[j - 1]) && !isDigit(text[j + 1])) return j;
      }
    }
    return -1;
  };
  const escapeLoneDollars = (text: string) => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\") {
        out += text.slice(i, i + 2);
        i += 2;
      } else if (c !== "$") {
        out += c;
        i += 1;
      } else if (text[i + 1] === "$") {
        const close = text.indexOf("$$", i + 2);
        const end = close === -1 ? i + 2 : close + 2;
        out += text.slice(i, end);
        i = end;
      } else {
        const close = isSpace(text[i + 1]) ? -1 : findClosingDollar(text, i + 1);
        out += close === -1 ? "\\$" : text.slice(i, close + 1);
        i = close === -1 ? i + 1 : close + 1;
      }
    }
    return out;
  };
  const prose = (text: string) =>
    escapeLoneDollars(text)
      .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
      .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex: string) => `$$${tex.trim()}$$`)
      .replace(/^[ \t]*\$\$([^\n$]+)\$\$[ \t]*$/gm, (_, tex: string) => `$$\n${tex.trim()}\n$$`);
  return segments.map((s) => (s.code ? s.text : prose(s.text))).join("");
}
