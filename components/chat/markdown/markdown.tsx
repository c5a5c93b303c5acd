"use client";

import "katex/dist/katex.min.css";
import { memo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { useT } from "@/lib/i18n/client";
import { CodeBlock } from "./code-block";
import { rehypeHighlightCode } from "./highlight";
import { normalizeMath } from "./math-delimiters";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/**
 * Raw HTML in a reply is shown as the text it is, never rendered or dropped:
 * html nodes become text nodes before conversion. (react-markdown's default
 * URL filter separately neutralises javascript: links.)
 */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

// remark-breaks: a single newline in a reply is a line break, as people
// expect in chat (poems, addresses), not a space as in strict Markdown.
const remarkPlugins = [remarkGfm, remarkMath, remarkBreaks, remarkHtmlAsText];

// KaTeX runs untrusted input: `trust: false` (its default, stated here on
// purpose) refuses \href, \url and \htmlClass, and its size limits stop
// expansion bombs. Errors show the source in the danger colour, legible in
// both themes. Math before highlighting, so ```math is typeset, not coloured.
const rehypePlugins: Options["rehypePlugins"] = [
  [rehypeKatex, { trust: false, strict: "ignore", errorColor: "var(--danger)", maxExpand: 500 }],
  rehypeHighlightCode,
];

// An image would load as soon as the reply renders, which lets a prompt
// injection send conversation text to any server: show a link instead.
function ImageAsLink({ src, alt }: { src?: unknown; alt?: string }) {
  const t = useT();
  if (typeof src !== "string" || !src) return null;
  return (
    <a href={src} target="_blank" rel="noopener noreferrer nofollow">
      {alt || t("chat.image")}
    </a>
  );
}

// Defined once: components made during render would remount on every
// streamed update and lose their state (a code block's "Copied").
const components: Components = {
  a: ({ node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  img: ({ src, alt }) => <ImageAsLink src={src} alt={alt} />,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  table: ({ node, ...props }) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
};

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {normalizeMath(text)}
      </ReactMarkdown>
    </div>
  );
});
