"use client";

import "katex/dist/katex.min.css";
import { memo, Suspense, use } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { useT } from "@/lib/i18n/client";
import { CodeBlock } from "./code-block";
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
const basePlugins = [remarkGfm, remarkBreaks, remarkHtmlAsText];

// Math (KaTeX) and code highlighting are most of the Markdown code's weight
// and most replies need neither: each is downloaded the first time a reply
// needs it. Server rendering waits for them, and hydration keeps the
// server's HTML until they arrive, so a page never flashes unstyled math.
let mathPlugin: Promise<typeof import("./math-plugin")> | undefined;
let highlightPlugin: Promise<typeof import("./highlight-plugin")> | undefined;
const loadMath = () => (mathPlugin ??= import("./math-plugin"));
const loadHighlight = () => (highlightPlugin ??= import("./highlight-plugin"));

// `$` after normalizeMath (which turns \( \) and \[ \] into dollars), or a
// ```math fence, which KaTeX typesets too.
const needsMath = (source: string) => source.includes("$") || /^ {0,3}(`{3,}|~{3,}) *math\b/m.test(source);
// Only fences that name their language are highlighted.
const needsHighlight = (source: string) => /^ {0,3}(`{3,}|~{3,}) *[^\s`~]/m.test(source);

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

/** Markdown with the plugins its text needs, once they are loaded. */
function RichMarkdown({ source }: { source: string }) {
  const math = needsMath(source) ? use(loadMath()) : null;
  const highlight = needsHighlight(source) ? use(loadHighlight()) : null;
  const remarkPlugins = math ? [...basePlugins, math.remarkMath] : basePlugins;
  // Math before highlighting, so ```math is typeset, not coloured.
  const rehypePlugins: Options["rehypePlugins"] = [];
  if (math) rehypePlugins.push(math.rehypeMath);
  if (highlight) rehypePlugins.push(highlight.rehypeHighlightCode);
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {source}
    </ReactMarkdown>
  );
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const source = normalizeMath(text);
  return (
    <div className="markdown">
      {/* While a plugin loads, the same text without it: readable at once. */}
      <Suspense
        fallback={
          <ReactMarkdown remarkPlugins={basePlugins} components={components}>
            {source}
          </ReactMarkdown>
        }
      >
        <RichMarkdown source={source} />
      </Suspense>
    </div>
  );
});
