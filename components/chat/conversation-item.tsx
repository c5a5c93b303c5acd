"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { MAX_TITLE_CHARS } from "@/lib/chat/limits";
import type { ListedConversation } from "@/lib/chat/summaries";
import { useT } from "@/lib/i18n/client";
import { ConversationMenu } from "./conversation-menu";

/**
 * One conversation in the sidebar: its title as a link, a "Conversation
 * actions" menu, and, while renaming, a text field in place of the link
 * (Enter saves, Escape cancels, leaving the field saves).
 */
export function ConversationItem({
  conversation,
  current,
  onRename,
  onDelete,
}: {
  conversation: ListedConversation;
  current: boolean;
  /** Saves a new title; resolves to an error message, or null when saved. */
  onRename: (title: string) => Promise<string | null>;
  onDelete: () => void;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const item = useRef<HTMLLIElement>(null);
  // Escape and Enter end editing before the field's blur, which must then do nothing.
  const settled = useRef(false);
  const linkId = `conversation-${conversation.id}`;

  useEffect(() => {
    if (!editing) return;
    input.current?.focus();
    input.current?.select();
  }, [editing]);

  const startEditing = () => {
    settled.current = false;
    setDraft(conversation.title);
    setError(null);
    setEditing(true);
  };

  const finish = (focusLink: boolean) => {
    settled.current = true;
    setEditing(false);
    setError(null);
    if (focusLink) requestAnimationFrame(() => item.current?.querySelector<HTMLElement>("a")?.focus());
  };

  const save = async (focusLink: boolean) => {
    const title = draft.trim();
    if (!title) {
      if (focusLink) {
        setError(t("sidebar.rename.empty"));
        return;
      }
      finish(false);
      return;
    }
    if (title.length > MAX_TITLE_CHARS) {
      setError(t("sidebar.rename.tooLong", { max: MAX_TITLE_CHARS }));
      return;
    }
    finish(focusLink);
    if (title !== conversation.title) await onRename(title);
  };

  return (
    <li ref={item} className={["conversation-item", current ? "active" : "", editing ? "editing" : ""].filter(Boolean).join(" ")}>
      {editing ? (
        <div className="conversation-rename">
          <input
            ref={input}
            type="text"
            value={draft}
            maxLength={MAX_TITLE_CHARS}
            aria-label={t("sidebar.rename.label")}
            aria-invalid={error ? true : undefined}
            aria-errormessage={error ? `${conversation.id}-rename-error` : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void save(true);
              } else if (event.key === "Escape") {
                event.preventDefault();
                finish(true);
              }
            }}
            onBlur={() => {
              if (!settled.current) void save(false);
            }}
          />
          {error ? (
            <p id={`${conversation.id}-rename-error`} role="alert" className="rename-error">
              {error}
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <Link
            id={linkId}
            href={`/c/${conversation.id}`}
            aria-current={current ? "page" : undefined}
            className={current ? "active" : undefined}
            title={conversation.title}
          >
            {conversation.title}
          </Link>
          <ConversationMenu conversationId={conversation.id} describedBy={linkId} onRename={startEditing} onDelete={onDelete} />
        </>
      )}
    </li>
  );
}
