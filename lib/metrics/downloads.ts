import { csvCell, jsonCell } from "./cells";
import { METRICS, RULES, URGENCIES, type MetricKey } from "./definitions";
import { VOLUME_SERIES, type MetricsReport } from "./report";
import type { GovernedService } from "@/lib/server/prior-auth-codes";

// The public table as files: the same cells as the page, suppressed by the same rule.

const quote = (field: string) =>
  /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;

/**
 * One line per figure: period (the year, or a month for the volume), urgency (standard,
 * expedited, or both for the volume), metric (as the page names it), value, unit.
 */
export function metricsCsv(report: MetricsReport): string {
  const lines = [["period", "urgency", "metric", "value", "unit"]];
  for (const urgency of URGENCIES)
    for (const m of METRICS)
      lines.push([
        report.period.label,
        urgency,
        m.label,
        csvCell(report.figures[urgency][m.key], m.unit),
        m.unit,
      ]);
  for (const row of report.volume)
    for (const s of VOLUME_SERIES)
      lines.push([row.bucket.key, "both", s.label, csvCell(row[s.key], "requests"), "requests"]);
  return lines.map((line) => line.map(quote).join(",")).join("\r\n") + "\r\n";
}

export function metricsJson(
  report: MetricsReport,
  services: readonly GovernedService[],
  now: Date,
) {
  return {
    year: report.period.year,
    from: report.period.from,
    to: report.period.to,
    generatedAt: now.toISOString(),
    services,
    rules: RULES,
    metrics: METRICS.map(({ key, label, unit, definition }) => ({ key, label, unit, definition })),
    urgencies: Object.fromEntries(
      URGENCIES.map((u) => [
        u,
        Object.fromEntries(
          METRICS.map((m) => [m.key, jsonCell(report.figures[u][m.key as MetricKey])]),
        ),
      ]),
    ),
    monthly: report.volume.map((row) => ({
      month: row.bucket.key,
      ...Object.fromEntries(VOLUME_SERIES.map((s) => [s.key, jsonCell(row[s.key])])),
    })),
  };
}
