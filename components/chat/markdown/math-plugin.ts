import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import type { Options } from "react-markdown";

export { remarkMath };

// KaTeX runs untrusted input: `trust: false` (its default, stated here on
// purpose) refuses \href, \url and \htmlClass, and its size limits stop
// expansion bombs. Errors show the source in the danger colour, legible in
// both themes.
export const rehypeMath: NonNullable<Options["rehypePlugins"]>[number] = [
  rehypeKatex,
  { trust: false, strict: "ignore", errorColor: "var(--danger)", maxExpand: 500 },
];
