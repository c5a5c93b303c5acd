import { z } from "zod";
import { importConversationFile } from "@/lib/chat/conversations";
import { IMPORT_LIMITS, type ImportProblem } from "@/lib/chat/export";
import { HttpError, readJson, withUser } from "@/lib/http";
import { serverTranslator } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { getStore } from "@/lib/store";

function describe(problem: ImportProblem, t: Translate): string {
  switch (problem.code) {
    case "not_parley":
      return t("sidebar.import.notParley");
    case "unsupported_version":
      return t("sidebar.import.unsupportedVersion", { version: problem.version });
    case "too_many_messages":
      return t("sidebar.import.tooManyMessages", { limit: problem.limit });
    case "invalid":
      return t("sidebar.import.invalid", { path: problem.path, detail: problem.detail });
  }
}

/**
 * POST /api/conversations/import with a Parley JSON export as the body →
 * 201 { conversation: { id, title, createdAt, updatedAt } }, a new conversation with new ids.
 */
export const POST = withUser(async (request, user) => {
  const { t } = await serverTranslator();
  let file: unknown;
  try {
    file = await readJson(request, z.unknown(), IMPORT_LIMITS.bytes);
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) {
      throw new HttpError(413, "too_large", t("sidebar.import.tooLarge", { size: IMPORT_LIMITS.bytes / 1024 / 1024 }));
    }
    if (error instanceof HttpError && error.code === "invalid_json") throw new HttpError(400, "invalid_json", t("sidebar.import.notJson"));
    throw error;
  }
  const outcome = await importConversationFile(await getStore(), user.id, file);
  if (!outcome.ok) {
    const status = outcome.problem.code === "too_many_messages" ? 413 : outcome.problem.code === "unsupported_version" ? 422 : 400;
    throw new HttpError(status, outcome.problem.code, describe(outcome.problem, t));
  }
  return Response.json({ conversation: outcome.conversation }, { status: 201 });
});
