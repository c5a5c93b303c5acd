import { completionRequestSchema, MAX_API_BODY_BYTES } from "@/lib/api/chat-request";
import { completionResponse } from "@/lib/api/completion-response";
import { apiPreflight, withApiKey } from "@/lib/api/route";
import { startCompletion } from "@/lib/api/start-completion";
import { turnDeps } from "@/lib/chat/turn";
import { getConfig } from "@/lib/config";
import { readJson } from "@/lib/http";
import { getStore } from "@/lib/store";

/** POST /api/v1/chat/completions: OpenAI's chat completions, streamed or not (see lib/api). */
export const POST = withApiKey(async (request, user) => {
  const body = await readJson(request, completionRequestSchema, MAX_API_BODY_BYTES);
  const config = getConfig();
  const deps = turnDeps(await getStore(), config);
  const started = await startCompletion(deps, user, body, request.headers);
  return completionResponse(deps, started, body, { keepAliveMs: config.streamKeepAliveMs, signal: request.signal });
});

export const OPTIONS = apiPreflight("POST");
