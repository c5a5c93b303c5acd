"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { MAX_SEARCH_QUERY_CHARS } from "@/lib/chat/limits";
import type { SearchResult } from "@/lib/chat/summaries";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";

type SearchState =
  | { status: "idle" }
  | { status: "searching"; query: string }
  | { status: "done"; query: string; results: SearchResult[] }
  | { status: "failed"; query: string; message: string };

const DEBOUNCE_MS = 250;

/** Searches as the person types: debounced, and only the latest query's answer counts. */
export function useConversationSearch(query: string): SearchState {
  const t = useT();
  const trimmed = query.trim();
  const [state, setState] = useState<SearchState>({ status: "idle" });

  useEffect(() => {
    if (!trimmed || trimmed.length > MAX_SEARCH_QUERY_CHARS) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ status: "searching", query: trimmed });
      try {
        const url = `/api/conversations/search?${new URLSearchParams({ q: trimmed })}`;
        const { results } = await sendJson<{ results: SearchResult[] }>(url, { signal: controller.signal });
        setState({ status: "done", query: trimmed, results });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ status: "failed", query: trimmed, message: errorText(error, t, "sidebar.search.failed") });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, t]);

  if (!trimmed) return { status: "idle" };
  if (trimmed.length > MAX_SEARCH_QUERY_CHARS) return { status: "failed", query: trimmed, message: t("sidebar.search.tooLong", { max: MAX_SEARCH_QUERY_CHARS }) };
  // Until this query's answer arrives, the previous answer is stale.
  if (state.status === "idle" || state.query !== trimmed) return { status: "searching", query: trimmed };
  return state;
}

/** The snippet with each occurrence of the query marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  // Lower-casing can change lengths outside ASCII; then show the text plain.
  if (needle && lower.length === text.length) {
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      if (at > from) parts.push(text.slice(from, at));
      parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
      from = at + needle.length;
    }
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

export function SearchResults({ state, currentId }: { state: SearchState; currentId: string | null }) {
  const t = useT();
  const headingId = useId();
  if (state.status === "idle") return null;
  return (
    <div role="group" aria-labelledby={headingId} className="conversation-group search-results">
      <h2 id={headingId} className="conversation-group-label">
        {t("sidebar.search.results")}
      </h2>
      <p role="status" className="muted small search-status">
        {state.status === "searching"
          ? t("sidebar.search.searching")
          : state.status === "done" && state.results.length === 0
            ? t("sidebar.search.noResults", { query: state.query })
            : ""}
      </p>
      {state.status === "failed" ? (
        <p role="alert" className="form-error small">
          {state.message}
        </p>
      ) : null}
      {state.status === "done" && state.results.length > 0 ? (
        <ul>
          {state.results.map((result) => {
            const current = result.id === currentId;
            const snippetId = `${headingId}-${result.id}`;
            return (
              <li key={result.id} className={["conversation-item", "search-result", current ? "active" : ""].filter(Boolean).join(" ")}>
                <Link
                  href={`/c/${result.id}`}
                  aria-label={result.title}
                  aria-describedby={result.snippet ? snippetId : undefined}
                  aria-current={current ? "page" : undefined}
                  className={current ? "active" : undefined}
                  title={result.title}
                >
                  <span className="search-result-title">
                    <Highlighted text={result.title} query={state.query} />
                  </span>
                  {result.snippet ? (
                    <span id={snippetId} className="search-result-snippet">
                      <Highlighted text={result.snippet} query={state.query} />
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
