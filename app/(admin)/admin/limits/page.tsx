import { DefaultLimitsForm } from "@/components/admin/default-limits-form";
import { PersonLimits } from "@/components/admin/person-limits";
import { requireAdminPage } from "@/lib/auth/admin";
import { getConfig } from "@/lib/config";
import { serverTranslator } from "@/lib/i18n/server";
import { limitsOverview } from "@/lib/limits/admin";
import { getStore } from "@/lib/store";
import styles from "@/components/admin/limits.module.css";

export default async function LimitsPage() {
  await requireAdminPage();
  const { t } = await serverTranslator();
  const store = await getStore();
  const [overview, users] = await Promise.all([limitsOverview(store, getConfig().limits), store.listUsers()]);
  return (
    <div className={styles.page}>
      <div>
        <h2 className={styles.heading}>{t("admin.limitsPage.heading")}</h2>
        <p className={styles.intro}>{t("admin.limitsPage.intro")}</p>
      </div>
      <section aria-labelledby="limits-everyone">
        <h3 id="limits-everyone" className={styles.sectionHeading}>
          {t("admin.limitsPage.defaultsHeading")}
        </h3>
        <p className={styles.intro}>{t("admin.limitsPage.fromEnvironment")}</p>
        <DefaultLimitsForm initial={overview.defaults} environment={overview.environment} />
      </section>
      <section aria-labelledby="limits-people">
        <h3 id="limits-people" className={styles.sectionHeading}>
          {t("admin.limitsPage.peopleHeading")}
        </h3>
        <p className={styles.intro}>{t("admin.limitsPage.peopleIntro")}</p>
        <PersonLimits initial={overview.people} emails={users.map((user) => user.email).sort()} />
      </section>
    </div>
  );
}
