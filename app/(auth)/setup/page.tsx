import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/setup-form";
import { needsFirstRun } from "@/lib/auth/accounts";
import { getStore } from "@/lib/store";

export const metadata: Metadata = { title: "Set up Parley" };

export default async function SetupPage() {
  await connection();
  if (!(await needsFirstRun(await getStore()))) redirect("/sign-in");
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Welcome to Parley</h1>
        <p className="muted">Create the first account. It will be the administrator.</p>
        <SetupForm />
      </div>
    </main>
  );
}
