import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { InviteForm } from "@/components/auth/invite-form";
import { linkState } from "@/lib/admin/invites";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverTranslator()).t("invite.title") };
}

/** A one-time link to choose a password: a new account's invite or a reset. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const state = await linkState(await getStore(), token);
  const { t } = await serverTranslator();
  return (
    <main className="auth-page">
      <div className="auth-card">
        {state.status === "ready" ? (
          <>
            <h1>{state.purpose === "invite" ? t("invite.inviteHeading") : t("invite.resetHeading")}</h1>
            <p className="muted">{t("invite.intro", { email: state.email })}</p>
            <InviteForm token={token} />
          </>
        ) : (
          <>
            <h1>{t("invite.unavailableHeading")}</h1>
            <p role="alert">{t(`invite.${state.status}`)}</p>
            <Link className="button" href="/sign-in">
              {t("invite.signIn")}
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
