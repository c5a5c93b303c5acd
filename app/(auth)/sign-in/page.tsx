import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { needsFirstRun } from "@/lib/auth/accounts";
import { safeRedirect } from "@/lib/auth/redirect";
import { currentUser } from "@/lib/auth/session";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverTranslator()).t("auth.signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await connection();
  if (await needsFirstRun(await getStore())) redirect("/setup");
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect(safeRedirect(callbackUrl));
  const { t } = await serverTranslator();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.signInHeading")}</h1>
        <SignInForm callbackUrl={safeRedirect(callbackUrl)} />
      </div>
    </main>
  );
}
