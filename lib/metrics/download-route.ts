import "server-only";
import { jsonError } from "@/lib/http/json-response";
import { appContext } from "@/lib/server/app-context";
import { smallCells } from "./cells";
import { metricsCsv, metricsJson } from "./downloads";
import { parseYear, yearPeriod } from "./period";
import { periodFigures } from "./period-figures";
import { buildReport } from "./report";
import { servicesNeedingAuthorization } from "@/lib/server/prior-auth-codes";

const plainError = (message: string) =>
  new Response(`${message}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/** The response to GET /metrics/<file>: <year>.csv or <year>.json, else a 400 saying why. */
export async function metricsDownload(file: string, now = new Date()): Promise<Response> {
  const match = /^([^.]*)\.(csv|json)$/.exec(file);
  if (!match) {
    const shown = file.length > 24 ? `${file.slice(0, 24)}…` : file;
    return plainError(
      `"${shown}" is not a download here: ask for /metrics/<year>.csv or /metrics/<year>.json.`,
    );
  }
  const format = match[2] as "csv" | "json";
  const parsed = parseYear(match[1], now);
  if (!parsed.ok)
    return format === "json" ? jsonError(400, parsed.message) : plainError(parsed.message);
  const { db } = await appContext();
  const report = buildReport(await periodFigures(db, yearPeriod(parsed.year)), smallCells);
  const headers = {
    "Content-Disposition": `attachment; filename="metrics-${parsed.year}.${format}"`,
    "Cache-Control": "no-store",
  };
  if (format === "json")
    return Response.json(metricsJson(report, servicesNeedingAuthorization(), now), { headers });
  return new Response(metricsCsv(report), {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" },
  });
}
