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
