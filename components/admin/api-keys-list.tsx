"use client";

import { useState } from "react";
import { ApiKeyItem, type ApiKeyRow } from "@/components/settings/api-keys-section";
import { useT } from "@/lib/i18n/client";
import styles from "@/components/settings/settings.module.css";

export type AdminApiKeyRow = ApiKeyRow & { owner: { id: string; name: string; email: string } | null };

/** Everyone's API keys, each with its owner and Revoke. */
export function ApiKeysList({ initial }: { initial: AdminApiKeyRow[] }) {
  const t = useT();
  const [keys, setKeys] = useState(initial);
  if (keys.length === 0) return <p className={styles.intro}>{t("apiKeys.none")}</p>;
  return (
    <ul className={styles.presetList}>
      {keys.map((key) => (
        <ApiKeyItem
          key={key.id}
          apiKey={key}
          owner={key.owner ? `${key.owner.name} <${key.owner.email}>` : "?"}
          revokeUrl={`/api/admin/api-keys/${encodeURIComponent(key.owner?.id ?? "")}/${encodeURIComponent(key.id)}`}
          onRevoked={() => setKeys((current) => current.filter((k) => k.id !== key.id))}
        />
      ))}
    </ul>
  );
}
