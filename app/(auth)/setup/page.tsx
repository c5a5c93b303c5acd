import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/setup-form";
import { currentFirstRunGate, needsFirstRun } from "@/lib/auth/accounts";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverTranslator()).t("auth.setupTitle") };
}

export default async function SetupPage() {
  await connection();
  if (!(await needsFirstRun(await getStore()))) redirect("/sign-in");
  const { t } = await serverTranslator();
  const gate = currentFirstRunGate();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>{t("auth.setupHeading")}</h1>
        {gate.kind === "cli-only" ? (
          <p>{t("auth.setupFromCli")}</p>
        ) : (
          <>
            <p className="muted">{t("auth.setupIntro")}</p>
            <SetupForm askForCode={gate.kind === "code"} />
          </>
        )}
      </div>
    </main>
  );
}
