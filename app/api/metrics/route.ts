import { ApiError } from "@/lib/errors/api-error";
import { errorResponse } from "@/lib/http";
import { getMetrics } from "@/lib/observability/metrics";
import { mayReadMetrics } from "@/lib/observability/metrics-access";
import { requestIdOf } from "@/lib/observability/request-id";

export const dynamic = "force-dynamic";

/** This process's metrics in Prometheus's text format, for admins and METRICS_TOKEN. */
export async function GET(request: Request) {
  try {
    if (!(await mayReadMetrics(request))) throw new ApiError(404, "not_found");
    const { registry } = getMetrics();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, requestIdOf(request.headers));
  }
}
