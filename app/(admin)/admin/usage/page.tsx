import { UsageChart } from "@/components/admin/usage-chart";
import { requireAdminPage } from "@/lib/auth/admin";
import { getConfig } from "@/lib/config";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";
import { isMonth, utcMonth } from "@/lib/usage/periods";
import { usageReport, type UsageRow } from "@/lib/usage/report";
import styles from "@/components/admin/usage.module.css";

type Props = { searchParams: Promise<{ month?: string | string[] }> };

/** One UTC month of usage from the rollups: totals, a chart per day, per person and per model, and the CSV. */
export default async function UsagePage({ searchParams }: Props) {
  await requireAdminPage();
  const { t, locale } = await serverTranslator();
  const asked = (await searchParams).month;
  const month = typeof asked === "string" && isMonth(asked) ? asked : utcMonth(new Date());
  const report = await usageReport(await getStore(), month, getConfig().modelPrices);

  const number = new Intl.NumberFormat(locale);
  const usd = (nano: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: nano > 0 && nano < 1e7 ? 6 : 4 }).format(nano / 1e9);
  const busiest = report.days.reduce((best, day) => (day.totalTokens > best.totalTokens ? day : best), report.days[0]!);
  const cells = (row: UsageRow, priced = true) => (
    <>
      <td className={styles.number}>{number.format(row.promptTokens)}</td>
      <td className={styles.number}>{number.format(row.completionTokens)}</td>
      <td className={styles.number}>{number.format(row.totalTokens)}</td>
      <td className={styles.number}>{number.format(row.replies)}</td>
      <td className={styles.number}>{priced ? usd(row.costNanoUsd) : t("admin.usagePage.unknownPrice")}</td>
    </>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className={styles.number}>{t("admin.usagePage.promptTokens")}</th>
        <th scope="col" className={styles.number}>{t("admin.usagePage.completionTokens")}</th>
        <th scope="col" className={styles.number}>{t("admin.usagePage.totalTokens")}</th>
        <th scope="col" className={styles.number}>{t("admin.usagePage.replies")}</th>
        <th scope="col" className={styles.number}>{t("admin.usagePage.cost")}</th>
      </tr>
    </thead>
  );

  return (
    <div className={styles.page}>
      <div>
        <h2 className={styles.heading}>{t("admin.usagePage.heading")}</h2>
        <p className={styles.intro}>{t("admin.usagePage.intro")}</p>
      </div>

      <div className={styles.toolbar}>
        <form method="get" action="/admin/usage">
          <div className="field">
            <label htmlFor="usage-month">{t("admin.usagePage.month")}</label>
            <input id="usage-month" type="month" name="month" defaultValue={month} required />
          </div>
          <button type="submit" className="button">
            {t("admin.usagePage.show")}
          </button>
        </form>
        <form method="get" action="/api/admin/usage/csv">
          <input type="hidden" name="month" value={month} />
          <button type="submit" className="button">
            {t("admin.usagePage.downloadCsv")}
          </button>
        </form>
      </div>

      <section aria-labelledby="usage-totals">
        <h3 id="usage-totals" className={styles.sectionHeading}>
          {t("admin.usagePage.totalsHeading")}
        </h3>
        <dl className={styles.totals}>
          <div>
            <dt>{t("admin.usagePage.totalTokens")}</dt>
            <dd>{number.format(report.totals.totalTokens)}</dd>
          </div>
          <div>
            <dt>{t("admin.usagePage.promptTokens")}</dt>
            <dd>{number.format(report.totals.promptTokens)}</dd>
          </div>
          <div>
            <dt>{t("admin.usagePage.completionTokens")}</dt>
            <dd>{number.format(report.totals.completionTokens)}</dd>
          </div>
          <div>
            <dt>{t("admin.usagePage.replies")}</dt>
            <dd>{number.format(report.totals.replies)}</dd>
          </div>
          <div>
            <dt>{t("admin.usagePage.cost")}</dt>
            <dd>{usd(report.totals.costNanoUsd)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="usage-days">
        <h3 id="usage-days" className={styles.sectionHeading}>
          {t("admin.usagePage.perDayHeading")}
        </h3>
        <UsageChart
          days={report.days.map((d) => ({ day: d.day, totalTokens: d.totalTokens, costUsd: d.costNanoUsd / 1e9 }))}
          label={t("admin.usagePage.chartLabel", { month })}
          summary={
            report.totals.replies === 0
              ? t("admin.usagePage.chartEmpty", { month })
              : t("admin.usagePage.chartSummary", {
                  tokens: report.totals.totalTokens,
                  replies: report.totals.replies,
                  day: busiest.day,
                  dayTokens: busiest.totalTokens,
                })
          }
          tokensLabel={t("admin.usagePage.totalTokens")}
          costLabel={t("admin.usagePage.cost")}
        />
        <details className={styles.details}>
          <summary>{t("admin.usagePage.dayTableCaption")}</summary>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption>{t("admin.usagePage.dayTableCaption")}</caption>
              {head(t("admin.usagePage.day"))}
              <tbody>
                {report.days
                  .filter((d) => d.replies > 0)
                  .map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.day}</th>
                      {cells(d)}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="usage-people">
        <h3 id="usage-people" className={styles.sectionHeading}>
          {t("admin.usagePage.perPersonHeading")}
        </h3>
        {report.people.length === 0 ? (
          <p className={styles.intro}>{t("admin.usagePage.nothing")}</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              {head(t("admin.usagePage.person"))}
              <tbody>
                {report.people.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">{p.email ?? t("admin.usagePage.removedAccount")}</th>
                    {cells(p)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="usage-models">
        <h3 id="usage-models" className={styles.sectionHeading}>
          {t("admin.usagePage.perModelHeading")}
        </h3>
        {report.models.length === 0 ? (
          <p className={styles.intro}>{t("admin.usagePage.nothing")}</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              {head(t("admin.usagePage.model"))}
              <tbody>
                {report.models.map((m) => (
                  <tr key={m.model}>
                    <th scope="row">{m.model}</th>
                    {cells(m, m.priced)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
