import type { Urgency } from "@/lib/request-model/vocabulary";
import { showCell, type Cell } from "@/lib/metrics/cells";
import {
  CLOCK_ADJECTIVES,
  CLOCK_NAMES,
  SUPPRESSED,
  URGENCIES,
  URGENCY_NAMES,
  clockMs,
} from "@/lib/metrics/definitions";
import type { MetricsReport } from "@/lib/metrics/report";

// Decision times against the clock, drawn on the server: per urgency, the share decided within
// it, and the median and average on an axis from 0 to twice the clock with the limit marked.
// A withheld or empty figure is written out, never drawn.

const WIDTH = 480;
const BAR_X = 112;
const BAR_W = 280;
const PANEL = 150;
const TEXT = "fill-slate-900";

const x = (fraction: number) => BAR_X + Math.min(Math.max(fraction, 0), 1) * BAR_W;

/** A figure that is not drawn, named with its series: "Median: withheld (small numbers)". */
function Missing({ cell, y, series }: { cell: Cell; y: number; series: string }) {
  return (
    <text x={BAR_X} y={y} fontSize={13} fontStyle="italic" className="fill-slate-700">
      {`${series}: ${cell.kind === "suppressed" ? SUPPRESSED : "none decided"}`}
    </text>
  );
}

function Panel({ urgency, report, top }: { urgency: Urgency; report: MetricsReport; top: number }) {
  const figures = report.figures[urgency];
  const limitHours = clockMs(urgency) / 3_600_000;
  const axis = 2 * limitHours;
  const within = figures.withinClock;
  const times: [string, Cell][] = [
    ["Median", figures.medianHours],
    ["Average", figures.meanHours],
  ];
  return (
    <g transform={`translate(0 ${top})`}>
      <text x={0} y={16} fontSize={15} fontWeight={600} className={TEXT}>
        {`${URGENCY_NAMES[urgency]}: ${CLOCK_ADJECTIVES[urgency]} clock (${limitHours} hours)`}
      </text>
      <text x={0} y={45} fontSize={13} className={TEXT}>
        {`Within ${CLOCK_NAMES[urgency]}`}
      </text>
      {within.kind === "value" ? (
        <>
          <rect
            x={BAR_X}
            y={30}
            width={BAR_W}
            height={20}
            className="fill-slate-100 stroke-slate-500"
          />
          <rect
            x={BAR_X}
            y={30}
            width={x(within.value / 100) - BAR_X}
            height={20}
            className="fill-blue-800"
          />
          <text x={BAR_X + BAR_W + 6} y={45} fontSize={13} fontWeight={600} className={TEXT}>
            {showCell(within, "percent")}
          </text>
        </>
      ) : (
        <Missing cell={within} y={45} series={`Within ${CLOCK_NAMES[urgency]}`} />
      )}
      {times.map(([label, cell], i) => {
        const y = 62 + i * 26;
        const end = cell.kind === "value" ? x(cell.value / axis) : BAR_X;
        return (
          <g key={label}>
            <text x={0} y={y + 14} fontSize={13} className={TEXT}>
              {label}
            </text>
            {cell.kind === "value" ? (
              <>
                <rect x={BAR_X} y={y} width={end - BAR_X} height={20} className="fill-blue-800" />
                <text x={end + 6} y={y + 14} fontSize={13} className={TEXT}>
                  {cell.value > axis ? `${showCell(cell, "hours")} →` : showCell(cell, "hours")}
                </text>
              </>
            ) : (
              <Missing cell={cell} y={y + 14} series={label} />
            )}
          </g>
        );
      })}
      <line x1={BAR_X} x2={BAR_X + BAR_W} y1={114} y2={114} className="stroke-slate-500" />
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <g key={f}>
          <line x1={x(f)} x2={x(f)} y1={114} y2={119} className="stroke-slate-500" />
          <text
            x={x(f)}
            y={132}
            fontSize={12}
            textAnchor="middle"
            fontWeight={f === 0.5 ? 600 : undefined}
            className={f === 0.5 ? "fill-red-800" : "fill-slate-700"}
          >
            {f === 0.5 ? `limit ${limitHours} h` : `${f * axis} h`}
          </text>
        </g>
      ))}
      <line
        x1={x(0.5)}
        x2={x(0.5)}
        y1={56}
        y2={114}
        strokeWidth={2}
        strokeDasharray="5 3"
        className="stroke-red-700"
      />
    </g>
  );
}

export function ClockChart({ id, report }: { id: string; report: MetricsReport }) {
  const summary = URGENCIES.map((u) => {
    const f = report.figures[u];
    return (
      `${URGENCY_NAMES[u]}, ${CLOCK_ADJECTIVES[u]} clock: within the clock ${showCell(f.withinClock, "percent")}, ` +
      `median ${showCell(f.medianHours, "hours")}, average ${showCell(f.meanHours, "hours")}.`
    );
  }).join(" ");
  return (
    <figure className="min-w-0 max-w-xl">
      <svg
        viewBox={`0 0 ${WIDTH} ${PANEL * URGENCIES.length}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        data-chart="clock"
      >
        <title
          id={`${id}-title`}
        >{`Decision times against the clock, ${report.period.label}`}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {URGENCIES.map((u, i) => (
          <Panel key={u} urgency={u} report={report} top={i * PANEL} />
        ))}
      </svg>
      <figcaption className="mt-1 text-sm text-slate-700">
        {`Decision times against the clock, ${report.period.label}`}: the share decided within the
        clock, and the median and average time to a first decision; the dashed line is the limit (72
        hours expedited, 7 days standard) and the axis runs to twice it.
      </figcaption>
    </figure>
  );
}
