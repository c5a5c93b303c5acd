"use client";

import { useId, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { useSubmission } from "@/components/settings/use-submission";
import { sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { LimitValues } from "@/lib/store/types";
import { LimitInput, limitText, parseLimit } from "./limit-input";
import styles from "./limits.module.css";

const FIELDS = [
  { key: "tokensPerDay", label: "admin.limitsPage.tokensPerDay", min: 0 },
  { key: "repliesPerHour", label: "admin.limitsPage.repliesPerHour", min: 0 },
  { key: "repliesAtOnce", label: "admin.limitsPage.repliesAtOnce", min: 1 },
] as const;

/** Everyone's limits: "Tokens per day", "Replies per hour", "Replies at once", "Save". */
export function DefaultLimitsForm({ initial, environment }: { initial: LimitValues; environment: LimitValues }) {
  const t = useT();
  const prefix = useId();
  const [draft, setDraft] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, limitText(initial[f.key])])) as Record<keyof LimitValues, string>);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useSubmission();
  const parsed = FIELDS.map((f) => parseLimit(draft[f.key], f.min));

  const save = async () => {
    setSaved(false);
    if (parsed.some((value) => value === undefined)) {
      setError(t("settings.fixFields"));
      return;
    }
    const limits = Object.fromEntries(FIELDS.map((f, i) => [f.key, parsed[i]])) as unknown as LimitValues;
    await run(async () => {
      await sendJson("/api/admin/limits", { method: "PUT", json: limits });
      setSaved(true);
    }, "admin.limitsPage.saveFailed");
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <FormAlert message={error} />
      <div className={styles.fields}>
        {FIELDS.map((f, i) => (
          <LimitInput
            key={f.key}
            id={`${prefix}-${f.key}`}
            label={t(f.label)}
            hint={t("admin.limitsPage.emptyMeansNone", { value: environment[f.key] ?? t("admin.limitsPage.noLimit") })}
            value={draft[f.key]}
            min={f.min}
            invalid={parsed[i] === undefined}
            onChange={(value) => {
              setSaved(false);
              setDraft((d) => ({ ...d, [f.key]: value }));
            }}
          />
        ))}
      </div>
      <div className={styles.actions}>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("admin.limitsPage.saving") : t("admin.limitsPage.save")}
        </button>
        <p role="status" className={styles.status}>
          {saved ? t("admin.limitsPage.saved") : ""}
        </p>
      </div>
    </form>
  );
}
