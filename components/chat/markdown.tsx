"use client";

import { memo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";

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

const components: Components = {
  a: ({ node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // An image would load as soon as the reply renders, which lets a prompt
  // injection send conversation text to any server: show a link instead.
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        {alt || "image"}
      </a>
    ) : null,
  table: ({ node, ...props }) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
};

// remark-breaks: a single newline in a reply is a line break, as people
// expect in chat (poems, addresses), not a space as in strict Markdown.
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkBreaks, remarkHtmlAsText]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
