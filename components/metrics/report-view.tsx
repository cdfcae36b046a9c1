import type { MetricsReport } from "@/lib/metrics/report";
import { ClockChart } from "./clock-chart";
import { MetricsTable } from "./metrics-table";
import { VolumeChart } from "./volume-chart";
import { VolumeTable } from "./volume-table";

/** A period's figures: the table beside the clock chart, the volume chart beside its table. */
export function ReportView({ report, id }: { report: MetricsReport; id: string }) {
  const span = `in ${report.period.label}`;
  const volume = `${report.period.kind === "year" ? "Monthly" : "Weekly"} volume by outcome, ${report.period.label}`;
  return (
    <>
      <section aria-labelledby={`${id}-decisions`} className="mt-8">
        <h2 id={`${id}-decisions`} className="text-xl font-semibold">
          Decisions {span}
        </h2>
        <div className="mt-3 grid gap-8 lg:grid-cols-2 [&>*]:min-w-0">
          <MetricsTable report={report} caption={`Requests decided ${span}, by urgency`} />
          <ClockChart id={`${id}-clock`} report={report} />
        </div>
      </section>
      <section aria-labelledby={`${id}-volume`} className="mt-10">
        <h2 id={`${id}-volume`} className="text-xl font-semibold">
          {volume}
        </h2>
        <div className="mt-3 grid gap-8 lg:grid-cols-2 [&>*]:min-w-0">
          <VolumeChart id={`${id}-volume-chart`} report={report} caption={volume} />
          <VolumeTable report={report} caption={`${volume}, both urgencies`} />
        </div>
      </section>
    </>
  );
}
