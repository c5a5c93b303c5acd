"use client";

import { useId, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { useSubmission } from "@/components/settings/use-submission";
import { sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { LimitsOverview } from "@/lib/limits/admin";
import type { LimitOverrides } from "@/lib/store/types";
import { LimitInput, limitText, parseLimit } from "./limit-input";
import styles from "./limits.module.css";

type Person = LimitsOverview["people"][number];

const FIELDS = [
  { key: "tokensPerDay", label: "admin.limitsPage.personTokensPerDay", column: "admin.limitsPage.tokensPerDay", min: 0 },
  { key: "repliesPerHour", label: "admin.limitsPage.personRepliesPerHour", column: "admin.limitsPage.repliesPerHour", min: 0 },
  { key: "repliesAtOnce", label: "admin.limitsPage.personRepliesAtOnce", column: "admin.limitsPage.repliesAtOnce", min: 1 },
] as const;

type Draft = { email: string } & Record<(typeof FIELDS)[number]["key"], string>;
const emptyDraft: Draft = { email: "", tokensPerDay: "", repliesPerHour: "", repliesAtOnce: "" };

/**
 * People's own limits: who has them (with Edit and Remove), and a form that
 * sets them for a person chosen by email. An empty field follows everyone's.
 */
export function PersonLimits({ initial, emails }: { initial: Person[]; emails: string[] }) {
  const t = useT();
  const prefix = useId();
  const [people, setPeople] = useState(initial);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { busy, error, setError, run } = useSubmission();
  const parsed = FIELDS.map((f) => (draft[f.key].trim() === "" ? null : parseLimit(draft[f.key], f.min)));

  const shown = (limits: LimitOverrides, key: keyof LimitOverrides) => {
    const value = limits[key];
    if (value === undefined) return t("admin.limitsPage.follows");
    return value === null ? t("admin.limitsPage.noLimit") : value.toLocaleString();
  };

  const save = async () => {
    if (!draft.email.trim() || parsed.some((value) => value === undefined)) {
      setError(t("settings.fixFields"));
      return;
    }
    const json: Record<string, unknown> = { email: draft.email.trim() };
    FIELDS.forEach((f, i) => {
      if (parsed[i] !== null) json[f.key] = parsed[i];
    });
    await run(async () => {
      const overview = await sendJson<LimitsOverview>("/api/admin/limits/people", { method: "PUT", json });
      setPeople(overview.people);
      setDraft(emptyDraft);
    }, "admin.limitsPage.saveFailed");
  };

  const remove = (person: Person) =>
    run(async () => {
      const overview = await sendJson<LimitsOverview>(`/api/admin/limits/people/${person.userId}`, { method: "DELETE" });
      setPeople(overview.people);
    }, "admin.limitsPage.saveFailed");

  const edit = (person: Person) =>
    setDraft({ email: person.email, ...(Object.fromEntries(FIELDS.map((f) => [f.key, limitText(person.limits[f.key])])) as Omit<Draft, "email">) });

  return (
    <>
      {people.length === 0 ? (
        <p className={styles.intro}>{t("admin.limitsPage.nobody")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("admin.limitsPage.person")}</th>
              {FIELDS.map((f) => (
                <th key={f.key} scope="col" className={styles.number}>
                  {t(f.column)}
                </th>
              ))}
              <th scope="col" className={styles.number}>
                {t("admin.limitsPage.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.userId}>
                <th scope="row">{person.email}</th>
                {FIELDS.map((f) => (
                  <td key={f.key} className={styles.number}>
                    {shown(person.limits, f.key)}
                  </td>
                ))}
                <td>
                  <div className={styles.rowActions}>
                    <button type="button" className="button ghost small" aria-label={t("admin.limitsPage.editFor", { email: person.email })} onClick={() => edit(person)}>
                      {t("admin.limitsPage.edit")}
                    </button>
                    <button
                      type="button"
                      className="button ghost small"
                      aria-label={t("admin.limitsPage.removeFor", { email: person.email })}
                      disabled={busy}
                      onClick={() => void remove(person)}
                    >
                      {t("admin.limitsPage.remove")}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <FormAlert message={error} />
        <div className="field">
          <label htmlFor={`${prefix}-email`}>{t("admin.limitsPage.personEmail")}</label>
          <input
            id={`${prefix}-email`}
            type="email"
            list={`${prefix}-emails`}
            autoComplete="off"
            value={draft.email}
            onChange={(event) => setDraft((d) => ({ ...d, email: event.target.value }))}
          />
          <datalist id={`${prefix}-emails`}>
            {emails.map((email) => (
              <option key={email} value={email} />
            ))}
          </datalist>
        </div>
        <div className={styles.fields}>
          {FIELDS.map((f, i) => (
            <LimitInput
              key={f.key}
              id={`${prefix}-${f.key}`}
              label={t(f.label)}
              value={draft[f.key]}
              min={f.min}
              invalid={parsed[i] === undefined}
              onChange={(value) => setDraft((d) => ({ ...d, [f.key]: value }))}
            />
          ))}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("admin.limitsPage.setForPerson")}
        </button>
      </form>
    </>
  );
}
