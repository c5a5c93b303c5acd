"use client";

import type { Element } from "hast";
import { useT } from "@/lib/i18n/client";
import { CopyButton } from "../copy-button";
import { codeLanguage, textOf } from "./highlight";

/** A fenced code block: its language, a Copy code button, and the code. */
export function CodeBlock({ node, children }: { node?: Element; children?: React.ReactNode }) {
  const t = useT();
  const code = node?.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  const language = code ? codeLanguage(code) : null;
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-language">{language ?? ""}</span>
        <CopyButton text={() => (code ? textOf(code).replace(/\n$/, "") : "")} label={t("chat.copyCode")} className="code-copy" showLabel />
      </div>
      {/* Focusable, so a long line can be scrolled from the keyboard. */}
      <pre tabIndex={0}>{children}</pre>
    </div>
  );
}
