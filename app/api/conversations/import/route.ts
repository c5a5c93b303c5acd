import { z } from "zod";
import { importConversationFile } from "@/lib/chat/conversations";
import { IMPORT_LIMITS } from "@/lib/chat/export";
import { ApiError } from "@/lib/errors/api-error";
import { readJson, withUser } from "@/lib/http";
import { getBlobStore } from "@/lib/blobs";
import { getStore } from "@/lib/store";

/**
 * POST /api/conversations/import with a Parley JSON export as the body →
 * 201 { conversation: { id, title, createdAt, updatedAt } }, a new conversation with new ids.
 */
export const POST = withUser(async (request, user) => {
  let file: unknown;
  try {
    file = await readJson(request, z.unknown(), IMPORT_LIMITS.bytes);
  } catch (error) {
    // Said of the file, not of a request body.
    if (error instanceof ApiError && error.code === "too_large") throw new ApiError(413, "import_too_large", { size: IMPORT_LIMITS.bytes / 1024 / 1024 });
    if (error instanceof ApiError && error.code === "invalid_json") throw new ApiError(400, "import_not_json");
    throw error;
  }
  const outcome = await importConversationFile(await getStore(), user.id, file, await getBlobStore());
  if (!outcome.ok) {
    const { code, ...vars } = outcome.problem;
    const status = code === "too_many_messages" ? 413 : code === "unsupported_version" ? 422 : 400;
    throw new ApiError(status, code, Object.keys(vars).length ? vars : null);
  }
  return Response.json({ conversation: outcome.conversation }, { status: 201 });
});
