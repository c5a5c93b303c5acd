import type { Metadata } from "next";
import Link from "next/link";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/admin/audit";
import { listAuditEntries } from "@/lib/admin/directory";
import type { ListedAuditEntry } from "@/lib/admin/listed";
import { requireAdminPage } from "@/lib/auth/admin";
import { ApiError } from "@/lib/errors/api-error";
import { serverTranslator } from "@/lib/i18n/server";
import type { Translate, Vars } from "@/lib/i18n/translate";
import { getStore } from "@/lib/store";
import { FormAlert } from "@/components/ui/form-alert";
import styles from "@/components/admin/admin.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverTranslator()).t("admin.audit.title") };
}

const isKnown = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);

/** The entry's action in words; an action this page does not know is shown as recorded. */
function describe(entry: ListedAuditEntry, t: Translate): string {
  if (!isKnown(entry.action)) return entry.action;
  const vars: Vars = {};
  for (const [key, value] of Object.entries(entry.detail ?? {})) {
    if (typeof value === "string" || typeof value === "number") vars[key] = value;
  }
  return t(`admin.audit.actions.${entry.action}`, vars);
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  await requireAdminPage();
  const { t } = await serverTranslator();
  const { cursor } = await searchParams;
  const after = typeof cursor === "string" && cursor.length <= 500 ? cursor : undefined;
  let page;
  try {
    page = await listAuditEntries(await getStore(), { cursor: after });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return <FormAlert message={t(`errors.${error.code}`)} />;
  }
  return (
    <>
      <div className={styles.pageHeader}>
        <h2>{t("admin.audit.heading")}</h2>
      </div>
      <p className="muted">{t("admin.audit.intro")}</p>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.when")}</th>
              <th scope="col">{t("admin.audit.who")}</th>
              <th scope="col">{t("admin.audit.action")}</th>
              <th scope="col">{t("admin.audit.target")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{`${entry.at.slice(0, 10)} ${entry.at.slice(11, 19)} UTC`}</time>
                </td>
                <td>{entry.actorEmail ?? t("admin.audit.commandLine")}</td>
                <td className={styles.wrap}>{describe(entry, t)}</td>
                <td>{entry.targetEmail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.items.length === 0 ? <p className="muted" style={{ padding: "8px 12px" }}>{t("admin.audit.empty")}</p> : null}
      </div>
      <div className={styles.pager}>
        {after ? <Link href="/admin/audit-log">{t("admin.audit.newest")}</Link> : null}
        {page.nextCursor ? (
          <Link href={`/admin/audit-log?${new URLSearchParams({ cursor: page.nextCursor })}`}>{t("admin.audit.older")}</Link>
        ) : null}
      </div>
    </>
  );
}
