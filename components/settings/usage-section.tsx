"use client";

import { useEffect, useId, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { OwnUsage } from "@/lib/usage/own";
import styles from "./settings.module.css";

/** "Your usage" in the Settings dialog: this month, today, and what the person's limits leave them. */
export function UsageSection() {
  const t = useT();
  const headingId = useId();
  const [usage, setUsage] = useState<OwnUsage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    sendJson<{ usage: OwnUsage }>("/api/usage")
      .then((body) => {
        if (live) setUsage(body.usage);
      })
      .catch((failure: unknown) => {
        if (live) setError(errorText(failure, t, "settings.usage.failed"));
      });
    return () => {
      live = false;
    };
  }, [t]);

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.sectionHeading}>
        {t("settings.usage.heading")}
      </h3>
      <FormAlert message={error} />
      {usage === null && !error ? <p className={styles.intro}>{t("settings.usage.loading")}</p> : null}
      {usage ? (
        <ul className={styles.usageList}>
          <li>{t("settings.usage.month", { tokens: usage.monthTokens, replies: usage.monthReplies })}</li>
          <li>{t("settings.usage.today", { tokens: usage.todayTokens })}</li>
          {usage.tokensLeftToday !== null && usage.limits.tokensPerDay !== null ? (
            <li>{t("settings.usage.tokensLeft", { left: usage.tokensLeftToday, limit: usage.limits.tokensPerDay })}</li>
          ) : null}
          {usage.repliesLeftThisHour !== null && usage.limits.repliesPerHour !== null ? (
            <li>{t("settings.usage.repliesLeft", { left: usage.repliesLeftThisHour, limit: usage.limits.repliesPerHour })}</li>
          ) : null}
          {usage.limits.tokensPerDay === null && usage.limits.repliesPerHour === null ? <li>{t("settings.usage.noLimits")}</li> : null}
        </ul>
      ) : null}
      <p className={styles.intro}>{t("settings.usage.resets")}</p>
    </section>
  );
}
