"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import type { IssuedLinkBody, ListedPerson } from "@/lib/admin/listed";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useLocale, useT } from "@/lib/i18n/client";
import { FormAlert } from "@/components/ui/form-alert";
import { AddUserDialog } from "./add-user-dialog";
import { formatDay, LinkDialog, linkUrl } from "./link-dialog";
import { RemoveUserDialog } from "./remove-user-dialog";
import { UserActions, type UserAction } from "./user-actions";
import styles from "./admin.module.css";

const SEARCH_DELAY_MS = 250;

/** "2026-11-29 17:42 UTC": the same on the server and in every browser. */
const formatInstant = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The user directory: search (kept in the address, so a reload or a shared
 * link shows the same list), one page at a time, and each row's actions.
 * After a change the server renders the page again.
 */
export function UsersTable({
  items,
  nextCursor,
  query,
  paged,
  selfId,
  usage,
}: {
  items: ListedPerson[];
  /** This UTC month's tokens and estimated cost (nano-USD) by person id; absent: none. */
  usage: Record<string, { tokens: number; costNanoUsd: number }>;
  nextCursor: string | null;
  query: string;
  /** Whether this is a later page (so the way back to the first is offered). */
  paged: boolean;
  selfId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const searchId = useId();
  const [search, setSearch] = useState(query);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ListedPerson | null>(null);
  const [issued, setIssued] = useState<IssuedLinkBody | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (search === query) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams(search.trim() ? { q: search.trim() } : {});
      router.replace(params.size ? `${pathname}?${params}` : pathname);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query, pathname, router]);

  const act = async (person: ListedPerson, action: UserAction) => {
    setError(null);
    if (action === "remove") {
      setRemoving(person);
      return;
    }
    const url = `/api/admin/users/${encodeURIComponent(person.id)}`;
    try {
      if (action === "reset") {
        setIssued(await sendJson<IssuedLinkBody>(`${url}/reset-link`, { method: "POST" }));
      } else {
        const change =
          action === "disable" ? { status: "disabled" } : action === "enable" ? { status: "active" } : { role: action === "makeAdmin" ? "admin" : "user" };
        await sendJson(url, { method: "PATCH", json: change });
      }
      router.refresh();
    } catch (failure) {
      setError(errorText(failure, t, "admin.users.failed"));
    }
  };

  const laterPage = new URLSearchParams({ ...(query ? { q: query } : {}), ...(nextCursor ? { cursor: nextCursor } : {}) });

  return (
    <>
      <div className={styles.pageHeader}>
        <h2>{t("admin.users.heading")}</h2>
        <label htmlFor={searchId} className="visually-hidden">
          {t("admin.users.search")}
        </label>
        <input
          id={searchId}
          type="search"
          className={styles.search}
          placeholder={t("admin.users.search")}
          value={search}
          maxLength={320}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          {t("admin.users.add")}
        </button>
      </div>
      <FormAlert message={error} />
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("admin.users.name")}</th>
              <th scope="col">{t("admin.users.email")}</th>
              <th scope="col">{t("admin.users.role")}</th>
              <th scope="col">{t("admin.users.status")}</th>
              <th scope="col">{t("admin.users.created")}</th>
              <th scope="col">{t("admin.users.lastActive")}</th>
              <th scope="col">{t("admin.users.thisMonth")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.users.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((person) => (
              <tr key={person.id} className={person.status === "disabled" ? styles.disabled : undefined}>
                <td className={styles.wrap} id={`${searchId}-${person.id}`}>
                  {person.name}
                  {person.id === selfId ? <span className="muted"> ({t("admin.users.you")})</span> : null}
                </td>
                <td>{person.email}</td>
                <td>{person.role === "admin" ? t("admin.users.roleAdmin") : t("admin.users.roleUser")}</td>
                <td>
                  <span className={styles.badge}>
                    {person.status === "active" ? t("admin.users.statusActive") : t("admin.users.statusDisabled")}
                  </span>
                </td>
                <td>
                  <time dateTime={person.createdAt}>{formatDay(person.createdAt)}</time>
                </td>
                <td>
                  {person.lastActiveAt ? (
                    <time dateTime={person.lastActiveAt}>{formatInstant(person.lastActiveAt)}</time>
                  ) : (
                    t("admin.users.never")
                  )}
                </td>
                <td>
                  {t("admin.users.monthUsage", {
                    tokens: new Intl.NumberFormat(locale).format(usage[person.id]?.tokens ?? 0),
                    cost: new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 4 }).format(
                      (usage[person.id]?.costNanoUsd ?? 0) / 1e9,
                    ),
                  })}
                </td>
                <td>
                  <UserActions person={person} describedBy={`${searchId}-${person.id}`} onAction={(action) => void act(person, action)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 ? <p className="muted" style={{ padding: "8px 12px" }}>{t("admin.users.empty")}</p> : null}
      </div>
      <div className={styles.pager}>
        {paged ? (
          <Link href={query ? `${pathname}?${new URLSearchParams({ q: query })}` : pathname}>{t("admin.users.first")}</Link>
        ) : null}
        {nextCursor ? <Link href={`${pathname}?${laterPage}`}>{t("admin.users.next")}</Link> : null}
      </div>
      {adding ? <AddUserDialog onClosed={() => setAdding(false)} onCreated={() => router.refresh()} /> : null}
      {removing ? (
        <RemoveUserDialog person={removing} onClosed={() => setRemoving(null)} onRemoved={() => router.refresh()} />
      ) : null}
      {issued ? (
        <LinkDialog
          title={t("admin.users.resetTitle")}
          url={linkUrl(issued.path)}
          intro={t("admin.users.resetIntro", { email: issued.user.email, date: formatDay(issued.expiresAt) })}
          onClosed={() => setIssued(null)}
        />
      ) : null}
    </>
  );
}
