import { getLogger } from "@/lib/log";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const store = await getStore();
    await store.ping();
    return Response.json({ status: "ok" });
  } catch (error) {
    getLogger().error({ err: error }, "Health check failed");
    return Response.json({ status: "unavailable", error: "The database is not ready." }, { status: 503 });
  }
}
