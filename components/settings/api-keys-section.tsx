"use client";

import { useEffect, useId, useState } from "react";
import { CopyButton } from "@/components/chat/copy-button";
import { FormAlert } from "@/components/ui/form-alert";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useLocale, useT } from "@/lib/i18n/client";
import styles from "./settings.module.css";

/** A key as GET /api/api-keys lists it (see lib/api/keys.ts). */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const MAX_NAME_CHARS = 80;
const EXPIRY_CHOICES = [null, 30, 90, 365] as const;

/** The "API keys" part of the Settings dialog: create a key (shown once), see and revoke one's keys. */
export function ApiKeysSection() {
  const t = useT();
  const prefix = useId();
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [expiresInDays, setExpiresInDays] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    sendJson<{ keys: ApiKeyRow[] }>("/api/api-keys")
      .then((body) => {
        if (live) setKeys(body.keys);
      })
      .catch((failure: unknown) => {
        if (live) setLoadError(errorText(failure, t, "apiKeys.loadFailed"));
      });
    return () => {
      live = false;
    };
  }, [t]);

  const create = async () => {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed.length > MAX_NAME_CHARS) {
      setError(trimmed === "" ? t("apiKeys.nameRequired") : t("apiKeys.nameTooLong", { max: MAX_NAME_CHARS }));
      document.getElementById(`${prefix}-name`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = await sendJson<{ key: ApiKeyRow; secret: string }>("/api/api-keys", { method: "POST", json: { name: trimmed, expiresInDays } });
      setKeys((current) => [body.key, ...(current ?? [])]);
      setSecret(body.secret);
      setName("");
    } catch (failure) {
      setError(errorText(failure, t, "apiKeys.createFailed"));
    } finally {
      setBusy(false);
    }
  };

  const url = typeof window === "undefined" ? "/api/v1" : `${window.location.origin}/api/v1`;
  return (
    <section aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`} className={styles.sectionHeading}>
        {t("apiKeys.heading")}
      </h3>
      <p className={styles.intro}>{t("apiKeys.intro", { url })}</p>
      <form
        className={styles.keyForm}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor={`${prefix}-name`}>{t("apiKeys.name")}</label>
          <input id={`${prefix}-name`} value={name} onChange={(event) => setName(event.target.value)} maxLength={MAX_NAME_CHARS + 20} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-expires`}>{t("apiKeys.expires")}</label>
          <select
            id={`${prefix}-expires`}
            value={expiresInDays ?? ""}
            onChange={(event) => setExpiresInDays(event.target.value === "" ? null : Number(event.target.value))}
          >
            {EXPIRY_CHOICES.map((days) => (
              <option key={days ?? "never"} value={days ?? ""}>
                {days === null ? t("apiKeys.never") : t("apiKeys.days", { days })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button small" disabled={busy}>
          {busy ? t("apiKeys.creating") : t("apiKeys.create")}
        </button>
      </form>
      <FormAlert message={loadError ?? error} />
      {secret ? (
        <div className={styles.newKey}>
          <label htmlFor={`${prefix}-secret`}>{t("apiKeys.newKey")}</label>
          <div className={styles.newKeyRow}>
            <input id={`${prefix}-secret`} readOnly value={secret} onFocus={(event) => event.currentTarget.select()} aria-describedby={`${prefix}-secret-hint`} />
            <CopyButton text={() => secret} label={t("apiKeys.copy")} className="button small ghost" />
          </div>
          <small id={`${prefix}-secret-hint`}>{t("apiKeys.newKeyHint")}</small>
        </div>
      ) : null}
      {keys === null && !loadError ? <p className={styles.intro}>{t("apiKeys.loading")}</p> : null}
      {keys?.length === 0 ? <p className={styles.intro}>{t("apiKeys.none")}</p> : null}
      {keys && keys.length > 0 ? (
        <ul className={styles.presetList}>
          {keys.map((key) => (
            <ApiKeyItem
              key={key.id}
              apiKey={key}
              revokeUrl={`/api/api-keys/${encodeURIComponent(key.id)}`}
              onRevoked={() => setKeys((current) => current?.filter((k) => k.id !== key.id) ?? null)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** One key: its name, first characters and dates, and Revoke (with a second step, since programs depend on it). */
export function ApiKeyItem({
  apiKey,
  owner,
  revokeUrl,
  onRevoked,
}: {
  apiKey: ApiKeyRow;
  owner?: string;
  revokeUrl: string;
  onRevoked: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
  const expired = apiKey.expiresAt !== null && new Date(apiKey.expiresAt) <= new Date();

  const revoke = async () => {
    setError(null);
    try {
      await sendJson(revokeUrl, { method: "DELETE" });
      onRevoked();
    } catch (failure) {
      setError(errorText(failure, t, "apiKeys.revokeFailed"));
    }
  };

  return (
    <li className={styles.keyItem}>
      <div className={styles.keyInfo}>
        <span className={styles.presetName} title={apiKey.name}>
          {apiKey.name} <code className={styles.keyPrefix}>{apiKey.prefix}…</code>
        </span>
        <small className={styles.keyDates}>
          {owner ? `${t("apiKeys.owner")}: ${owner} · ` : ""}
          {t("apiKeys.created", { date: date(apiKey.createdAt) })} ·{" "}
          {apiKey.lastUsedAt ? t("apiKeys.lastUsed", { date: date(apiKey.lastUsedAt) }) : t("apiKeys.neverUsed")} ·{" "}
          {apiKey.expiresAt === null
            ? t("apiKeys.noExpiry")
            : expired
              ? t("apiKeys.expired", { date: date(apiKey.expiresAt) })
              : t("apiKeys.expiresOn", { date: date(apiKey.expiresAt) })}
        </small>
        <FormAlert message={error} />
      </div>
      {confirming ? (
        <div className={styles.confirm}>
          <span>{t("apiKeys.confirmRevoke", { name: apiKey.name })}</span>
          <button type="button" className="button small" onClick={() => void revoke()}>
            {t("apiKeys.confirmYes")}
          </button>
          <button type="button" className="button small ghost" onClick={() => setConfirming(false)} autoFocus>
            {t("apiKeys.confirmNo")}
          </button>
        </div>
      ) : (
        <button type="button" className="button small ghost" onClick={() => setConfirming(true)}>
          {t("apiKeys.revoke")}
          <span className="visually-hidden"> {apiKey.name}</span>
        </button>
      )}
    </li>
  );
}
