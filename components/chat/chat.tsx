"use client";

import { useChat } from "@ai-sdk/react";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { newId } from "@/lib/chat/ids";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { messageText, titleFrom, type ChatMessage } from "@/lib/chat/messages";
import { errorRequestId, errorText } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";
import { useAttachments } from "./attachments/use-attachments";
import { Composer } from "./composer";
import { useConversations } from "./conversations-context";
import { ArrowDownIcon } from "./icons";
import { MessageView, TypingIndicator } from "./message-view";
import { ShortcutsHelp } from "./shortcuts-help";
import { UsageTotal } from "./usage-total";
import { useEarlierMessages } from "./use-earlier-messages";
import { useChatShortcuts } from "./use-chat-shortcuts";
import { useChatTransport } from "./use-chat-transport";
import { useFollowScroll } from "./use-follow-scroll";

export function Chat({
  conversationId,
  title,
  initialMessages,
  earlierCursor = null,
  headerExtra,
  emptyExtra,
  presetId,
}: {
  conversationId: string;
  title: string | null;
  initialMessages: ChatMessage[];
  /** Where the messages before `initialMessages` continue; null when these are all. */
  earlierCursor?: string | null;
  /** Shown in the header under the title (the conversation's settings). */
  headerExtra?: React.ReactNode;
  /** Shown in an empty chat (a new chat's preset choices). */
  emptyExtra?: React.ReactNode;
  /** The preset a new conversation starts from. */
  presetId?: string | null;
}) {
  const t = useT();
  const router = useRouter();
  const conversations = useConversations();
  const [input, setInput] = useState("");
  const [notice, setNotice] = useState<{ message: string; requestId: string | null } | null>(null);
  // The message being edited; `text` is set when an editor reopens after a
  // refused edit, with the text that was sent.
  const [edit, setEdit] = useState<{ id: string; text: string | null } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const started = useRef(initialMessages.length > 0);
  // The first message of a new chat, until the server has accepted it.
  const firstPending = useRef(false);
  // What the conversation looked like before a regeneration or an edit cut
  // it short, to put back if the server refuses the request.
  const beforeRewrite = useRef<{ messages: ChatMessage[]; editing: { id: string; text: string } | null } | null>(null);
  const composerInput = useRef<HTMLTextAreaElement>(null);
  const files = useAttachments();
  // Puts the files of a message back in the composer if the server refuses it.
  const restoreFiles = useRef<(() => void) | null>(null);
  const [dragging, setDragging] = useState(false);

  // A reply still being written when the view opens is followed live.
  const [following] = useState(() => {
    const last = initialMessages.at(-1);
    return last?.role === "assistant" && last.metadata?.status === "streaming" ? last.id : null;
  });
  const { transport, lastRequest, stopOnServer } = useChatTransport(following);

  const { messages, sendMessage, status, stop, regenerate, setMessages, clearError } = useChat<ChatMessage>({
    id: conversationId,
    messages: initialMessages,
    resume: following !== null,
    generateId: newId,
    transport,
    // Markdown is re-rendered per update; a few frames of batching keep long
    // replies smooth.
    throttle: 50,
    onData: (part) => {
      // A generated title arrives before the reply finishes: rename the entry live.
      if (part.type === "data-title") conversations.rename(part.data.conversationId, part.data.title);
    },
    onFinish: ({ isError }) => {
      // useChat calls this after onError too; a refused request stored
      // nothing, and onError has already put the conversation back.
      if (isError && lastRequest().refused) return;
      firstPending.current = false;
      beforeRewrite.current = null;
      restoreFiles.current = null;
      conversations.touch(conversationId);
    },
    onError: (error) => {
      // A failed reply shows in the reply itself; only a refused request
      // means nothing was stored and the conversation goes back as it was.
      const rewrite = beforeRewrite.current;
      beforeRewrite.current = null;
      const request = lastRequest();
      if (!request.refused) {
        firstPending.current = false;
        return;
      }
      if (request.trigger === "submit") {
        const { text } = request;
        if (text) {
          setMessages((current) => (current.at(-1)?.role === "user" ? current.slice(0, -1) : current));
          setInput((current) => current || text);
        }
        restoreFiles.current?.();
        restoreFiles.current = null;
      } else if (rewrite) {
        setMessages(rewrite.messages);
        // The edited text goes back into its editor, not lost.
        if (rewrite.editing) setEdit(rewrite.editing);
      }
      if (firstPending.current) {
        // The conversation was never created: take back its address and entry.
        firstPending.current = false;
        started.current = false;
        window.history.replaceState(null, "", "/");
        conversations.remove(conversationId);
      }
      setNotice({ message: errorText(error, t, "chat.somethingWrong"), requestId: errorRequestId(error) });
      clearError();
    },
  });

  const busy = status === "submitted" || status === "streaming";
  const { ref: scroller, away, toEnd } = useFollowScroll(messages);
  const {
    hasEarlier,
    loading: loadingEarlier,
    failed: earlierFailed,
    loadEarlier,
    sentinel: earlierSentinel,
  } = useEarlierMessages({ conversationId, cursor: earlierCursor, setMessages });

  const send = useCallback(() => {
    const text = input;
    if (!text.trim() || busy || text.length > MAX_MESSAGE_CHARS) return;
    if (files.busy) {
      setNotice({ message: t("chat.waitForUploads"), requestId: null });
      return;
    }
    const attached = files.take();
    restoreFiles.current = attached.restore;
    setNotice(null);
    setInput("");
    setEdit(null);
    toEnd();
    if (!started.current) {
      started.current = true;
      firstPending.current = true;
      // Give the new conversation its address without remounting this view.
      window.history.replaceState(null, "", `/c/${conversationId}`);
    }
    conversations.touch(conversationId, titleFrom(text));
    void sendMessage({ text, ...(attached.parts.length ? { files: attached.parts } : {}) }, presetId ? { body: { presetId } } : undefined);
  }, [input, busy, conversationId, conversations, sendMessage, toEnd, presetId, files, t]);

  const [stopping, setStopping] = useState(false);

  const stopReply = useCallback(async () => {
    // Replies outlive the request (leaving the page does not end them), so
    // Stop asks the server. Only if that fails does the browser stop reading.
    setStopping(true);
    const last = messages.at(-1);
    const stopped = await stopOnServer(last?.role === "assistant" ? last.metadata?.turnId : null);
    setStopping(false);
    if (stopped) return;
    await stop();
    setMessages((current) =>
      current.map((m, i) =>
        i === current.length - 1 && m.role === "assistant" && m.metadata?.status === "streaming"
          ? { ...m, metadata: { ...m.metadata, status: "stopped" } }
          : m,
      ),
    );
  }, [stopOnServer, stop, setMessages, messages]);

  const answerAgain = useCallback(() => {
    setNotice(null);
    clearError();
    setEdit(null);
    beforeRewrite.current = { messages, editing: null };
    toEnd();
    void regenerate();
  }, [clearError, regenerate, messages, toEnd]);

  const startEdit = useCallback((id: string) => setEdit({ id, text: null }), []);

  const cancelEdit = useCallback(() => {
    setEdit(null);
    // Focus would otherwise fall to the page body with the closed editor.
    composerInput.current?.focus();
  }, []);

  const sendEdit = useCallback(
    (id: string, text: string) => {
      if (busy) return;
      setNotice(null);
      setEdit(null);
      beforeRewrite.current = { messages, editing: { id, text } };
      toEnd();
      // The server keeps an edited message's files; so does the view.
      const kept = messages.find((m) => m.id === id)?.parts.filter((part) => part.type === "file") ?? [];
      void sendMessage({ text, messageId: id, ...(kept.length ? { files: kept } : {}) });
    },
    [busy, messages, sendMessage, toEnd],
  );

  const newChat = useCallback(() => {
    // As the sidebar's New chat link: a chat started at "/" only changed the
    // address bar, so that view starts over in place.
    if (conversations.restartNewChat()) window.history.pushState(null, "", "/");
    else router.push("/");
  }, [conversations, router]);

  useChatShortcuts({
    newChat,
    focusMessage: () => composerInput.current?.focus(),
    stop: busy && !stopping ? () => void stopReply() : null,
    showHelp: () => setHelpOpen(true),
  });

  const last = messages.at(-1);
  const lastIndex = messages.length - 1;
  // The list's entry follows renames (in the sidebar, or a generated title) without a reload.
  const heading = conversations.items.find((c) => c.id === conversationId)?.title ?? title ?? t("chat.newChat");
  const lastStatus = last?.role === "assistant" ? last.metadata?.status : undefined;
  const announcement = busy
    ? t("chat.replying")
    : lastStatus === "complete"
      ? t("chat.replyFinished")
      : lastStatus === "stopped"
        ? t("chat.replyStopped")
        : lastStatus === "interrupted"
          ? t("chat.interrupted")
          : "";

  const editing = useMemo(() => {
    const index = edit ? messages.findIndex((m) => m.id === edit.id) : -1;
    if (!edit || index === -1 || busy) return null;
    return { id: edit.id, text: edit.text, later: messages.length - 1 - index };
  }, [edit, messages, busy]);

  return (
    <section
      className={`chat${dragging ? " dragging" : ""}`}
      aria-labelledby="chat-title"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(false);
        files.add(Array.from(event.dataTransfer.files));
      }}
    >
      {dragging ? (
        <p className="drop-hint" aria-hidden="true">
          {t("chat.dropFiles")}
        </p>
      ) : null}
      <header className="chat-header">
        <h1 id="chat-title">{heading}</h1>
        <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
        {headerExtra}
      </header>
      {/* Announces start and end of a reply once, instead of every token. */}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <div className="chat-scroll" ref={scroller}>
        <div className="chat-messages">
          {messages.length === 0 ? (
            <div className="empty-chat">
              <h2>{t("chat.emptyHeading")}</h2>
              {emptyExtra}
            </div>
          ) : null}
          {hasEarlier ? (
            <div ref={earlierSentinel} className="earlier-messages">
              <button type="button" className="button ghost small" onClick={() => void loadEarlier()} disabled={loadingEarlier}>
                {loadingEarlier ? t("chat.loadingEarlier") : t("chat.showEarlier")}
              </button>
              <FormAlert message={earlierFailed ? errorText(earlierFailed, t, "chat.somethingWrong") : null} />
            </div>
          ) : null}
          {messages.map((message, index) => {
            const isLast = index === lastIndex;
            const edited = editing?.id === message.id ? editing : null;
            return (
              <MessageView
                key={edited ? `${message.id}-editing` : message.id}
                message={message}
                live={isLast && (busy || status === "error")}
                onRetry={isLast && message.role === "assistant" && !busy ? answerAgain : undefined}
                onRegenerate={
                  isLast && message.role === "assistant" && !busy && message.metadata?.status !== "error" ? answerAgain : undefined
                }
                onEdit={message.role === "user" && !busy ? startEdit : undefined}
                editing={
                  edited
                    ? {
                        initial: edited.text ?? messageText(message),
                        later: edited.later,
                        onSend: (text: string) => sendEdit(message.id, text),
                        onCancel: cancelEdit,
                      }
                    : undefined
                }
              />
            );
          })}
          {status === "submitted" && last?.role === "user" ? (
            <article aria-label={t("chat.assistant")} className="message from-assistant" aria-busy>
              <TypingIndicator />
            </article>
          ) : null}
          {/* A total over part of the conversation would mislead: shown once all of it is loaded. */}
          {busy || hasEarlier ? null : <UsageTotal messages={messages} />}
        </div>
      </div>
      <div className="chat-footer">
        {away ? (
          <button
            type="button"
            className="button jump-to-latest"
            onClick={() => {
              toEnd("smooth");
              composerInput.current?.focus({ preventScroll: true });
            }}
          >
            <ArrowDownIcon />
            {t("chat.jumpToLatest")}
          </button>
        ) : null}
        <FormAlert message={notice?.message ?? files.notice} detail={notice?.requestId ? t("chat.requestId", { id: notice.requestId }) : null} />
        <Composer
          value={input}
          onChange={setInput}
          onSend={send}
          onStop={() => void stopReply()}
          busy={busy}
          stopping={stopping}
          inputRef={composerInput}
          files={files}
        />
      </div>
    </section>
  );
}
