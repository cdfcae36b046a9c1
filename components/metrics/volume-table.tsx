import { showCell } from "@/lib/metrics/cells";
import { ScrollRegion } from "./scroll-region";
import { WithheldFootnote } from "./withheld-footnote";
import { VOLUME_SERIES, type MetricsReport } from "@/lib/metrics/report";

const cell = "border-b border-slate-200 py-1 pr-3";

/** The volume chart's figures: decided requests per month (or week) by outcome. */
export function VolumeTable({ report, caption }: { report: MetricsReport; caption: string }) {
  const unit = report.period.kind === "year" ? "Month" : "Week";
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm" data-table="volume">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-3">
              {unit}
            </th>
            {VOLUME_SERIES.map((s) => (
              <th key={s.key} scope="col" className="py-2 pr-3">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.volume.map((row) => (
            <tr key={row.bucket.key}>
              <th scope="row" className={`${cell} font-normal`}>
                {row.bucket.label}
              </th>
              {VOLUME_SERIES.map((s) => (
                <td key={s.key} className={cell}>
                  {showCell(row[s.key], "requests")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <WithheldFootnote
        cells={report.volume.flatMap((row) => VOLUME_SERIES.map((s) => row[s.key]))}
      />
    </ScrollRegion>
  );
}
