import type { Metadata } from "next";
import { UsersTable } from "@/components/admin/users-table";
import { directoryQuerySchema, listPeople } from "@/lib/admin/directory";
import { requireAdminPage } from "@/lib/auth/admin";
import { serverTranslator } from "@/lib/i18n/server";
import { getStore } from "@/lib/store";
import { utcMonth } from "@/lib/usage/periods";
import { FormAlert } from "@/components/ui/form-alert";
import { ApiError } from "@/lib/errors/api-error";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverTranslator()).t("admin.users.title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  const parsed = directoryQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const store = await getStore();
  // This UTC month's figures from the per-person rollups: one read, never the messages.
  const usage = Object.fromEntries(
    (await store.getUsageByPerson(utcMonth(new Date()))).map((u) => [u.userId, { tokens: u.promptTokens + u.completionTokens, costNanoUsd: u.costNanoUsd }]),
  );
  const page = await listPeople(store, query).catch(async (error: unknown) => {
    // A cursor from an old or hand-edited address: say so instead of failing the page.
    if (!(error instanceof ApiError)) throw error;
    return (await serverTranslator()).t(`errors.${error.code}`, error.vars ?? undefined);
  });
  if (typeof page === "string") return <FormAlert message={page} />;
  return (
    <UsersTable
      items={page.items}
      nextCursor={page.nextCursor}
      query={query.q?.trim() ?? ""}
      paged={Boolean(query.cursor)}
      selfId={admin.id}
      usage={usage}
    />
  );
}
