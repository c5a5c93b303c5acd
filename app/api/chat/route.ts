import { createUIMessageStreamResponse } from "ai";
import { after } from "next/server";
import { turnEnded } from "@/lib/chat/active-turns";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { chatRequestSchema } from "@/lib/chat/request";
import { runTurn, turnDeps } from "@/lib/chat/turn";
import { getConfig } from "@/lib/config";
import { readJson, withUser } from "@/lib/http";
import { keepAliveResponse } from "@/lib/http/keep-alive";
import { requestIdOf } from "@/lib/observability/request-id";
import { getBlobStore } from "@/lib/blobs";
import { getStore } from "@/lib/store";

export const POST = withUser(async (request, user) => {
  const body = await readJson(request, chatRequestSchema, MAX_MESSAGE_CHARS * 4 + 4096);
  const config = getConfig();
  const stream = await runTurn(turnDeps(await getStore(), config, await getBlobStore()), {
    request: body,
    userId: user.id,
    acceptLanguage: request.headers.get("accept-language"),
    requestId: requestIdOf(request.headers),
  });
  // The reply outlives this response when the browser leaves; a shutdown
  // (and a serverless platform) waits for it to be stored.
  after(turnEnded(user.id, body.turnId));
  return keepAliveResponse(createUIMessageStreamResponse({ stream }), config.streamKeepAliveMs);
});
