import Link from "next/link";
import { serverTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await serverTranslator();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("chat.notFoundHeading")}</h1>
        <p className="muted">{t("chat.notFoundText")}</p>
        <Link className="button primary" href="/">
          {t("chat.backToChat")}
        </Link>
      </div>
    </main>
  );
}
