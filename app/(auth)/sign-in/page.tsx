import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { needsFirstRun } from "@/lib/auth/accounts";
import { safeRedirect } from "@/lib/auth/redirect";
import { currentUser } from "@/lib/auth/session";
import { getStore } from "@/lib/store";

export const metadata: Metadata = { title: "Sign in · Parley" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await connection();
  if (await needsFirstRun(await getStore())) redirect("/setup");
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect(safeRedirect(callbackUrl));
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Sign in to Parley</h1>
        <SignInForm callbackUrl={safeRedirect(callbackUrl)} />
      </div>
    </main>
  );
}
