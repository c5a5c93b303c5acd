import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { withAdmin } from "@/lib/http/admin";
import { getStore } from "@/lib/store";
import { isMonth, utcMonth } from "@/lib/usage/periods";
import { usageCsv, usageReport } from "@/lib/usage/report";

/** ?month=YYYY-MM (default: this UTC month) → the usage report as a CSV download. */
export const GET = withAdmin(async (request) => {
  const month = new URL(request.url).searchParams.get("month") ?? utcMonth(new Date());
  if (!isMonth(month)) throw new ApiError(400, "invalid_request", { detail: "month must be YYYY-MM" });
  const report = await usageReport(await getStore(), month, getConfig().modelPrices);
  return new Response(usageCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="parley-usage-${month}.csv"`,
      "cache-control": "no-store",
    },
  });
});
