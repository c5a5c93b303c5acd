import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { SessionWatch } from "@/components/auth/session-watch";
import { ZodJitless } from "@/components/zod-jitless";
import { requireAdminPage } from "@/lib/auth/admin";
import { serverTranslator } from "@/lib/i18n/server";
import styles from "@/components/admin/admin.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await serverTranslator();
  return { title: t("admin.title") };
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage();
  const { t } = await serverTranslator();
  return (
    <div className={styles.shell}>
      <SessionWatch />
      <ZodJitless />
      <header className={styles.header}>
        <h1 className={styles.heading}>{t("admin.heading")}</h1>
        <AdminNav
          label={t("admin.navLabel")}
          links={[
            { href: "/admin/users", label: t("admin.users.nav") },
            { href: "/admin/usage", label: t("admin.usage") },
            { href: "/admin/limits", label: t("admin.limits") },
            { href: "/admin/audit-log", label: t("admin.auditLog") },
            { href: "/admin/api-keys", label: t("admin.apiKeys") },
          ]}
        />
        <Link className="button ghost small" href="/">
          {t("admin.backToChat")}
        </Link>
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
