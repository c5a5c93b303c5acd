import { ApiKeysList } from "@/components/admin/api-keys-list";
import { listEveryonesKeys } from "@/lib/api/keys";
import { requireAdminPage } from "@/lib/auth/admin";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

/** Everyone's API keys, for admins to see and revoke. */
export default async function AdminApiKeys() {
  await requireAdminPage();
  const { t } = await serverTranslator();
  const keys = await listEveryonesKeys(await getStore());
  return (
    <section aria-labelledby="admin-api-keys">
      <h2 id="admin-api-keys">{t("admin.apiKeys")}</h2>
      <p>{t("admin.apiKeysIntro")}</p>
      <ApiKeysList initial={keys} />
    </section>
  );
}
