import { showCell } from "@/lib/metrics/cells";
import { ScrollRegion } from "./scroll-region";
import { WithheldFootnote } from "./withheld-footnote";
import { CLOCK_NAMES, METRICS, URGENCIES, URGENCY_NAMES } from "@/lib/metrics/definitions";
import type { MetricsReport } from "@/lib/metrics/report";

const cell = "border-b border-slate-200 py-2 pr-3";

/** Every figure of the period, one row per metric and one column per urgency. */
export function MetricsTable({ report, caption }: { report: MetricsReport; caption: string }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm" data-table="metrics">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-3">
              Metric
            </th>
            {URGENCIES.map((u) => (
              <th key={u} scope="col" className="py-2 pr-3">
                {URGENCY_NAMES[u]} <span className="font-normal">({CLOCK_NAMES[u]})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => (
            <tr key={m.key}>
              <th scope="row" className={`${cell} font-normal`}>
                {m.label}
              </th>
              {URGENCIES.map((u) => (
                <td key={u} className={cell}>
                  {showCell(report.figures[u][m.key], m.unit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <WithheldFootnote
        cells={URGENCIES.flatMap((u) => METRICS.map((m) => report.figures[u][m.key]))}
      />
    </ScrollRegion>
  );
}
