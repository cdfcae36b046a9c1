import { showCell } from "@/lib/metrics/cells";
import { SUPPRESSED_FOOTNOTE } from "@/lib/metrics/definitions";
import { VOLUME_SERIES, type MetricsReport, type VolumeKey } from "@/lib/metrics/report";

// Decided requests per month (or week) by outcome, as grouped bars drawn on the server. A cell
// withheld is a gap marked "withheld", never a bar.

const WIDTH = 480;
const HEIGHT = 270;
const LEFT = 52;
const RIGHT = 474;
const TOP = 44;
const BASE = 230;

const FILL: Record<VolumeKey, string> = {
  approved: "fill-blue-800",
  denied: "fill-orange-700",
  approvedAfterAppeal: "stroke-emerald-800",
};

/** A round top for the axis: 1, 2 or 5 times a power of ten per step, four steps. */
function scaleTop(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const stepped = Math.max(1, step);
  return { top: Math.ceil(max / stepped) * stepped, step: stepped };
}

export function VolumeChart({
  id,
  report,
  caption,
}: {
  id: string;
  report: MetricsReport;
  caption: string;
}) {
  const values = report.volume.flatMap((row) =>
    VOLUME_SERIES.map((s) => row[s.key]).flatMap((c) => (c.kind === "value" ? [c.value] : [])),
  );
  const { top, step } = scaleTop(Math.max(0, ...values));
  const y = (v: number) => BASE - (v / top) * (BASE - TOP);
  const slot = (RIGHT - LEFT) / report.volume.length;
  const barWidth = (slot * 0.8) / VOLUME_SERIES.length;
  const hatch = `${id}-hatch`;
  // Thirteen weeks' dates do not fit side by side: every other one is written.
  const labelEvery = report.volume.length > 12 ? 2 : 1;
  const withheld = report.volume.some((row) =>
    VOLUME_SERIES.some((s) => row[s.key].kind === "suppressed"),
  );
  return (
    <figure className="min-w-0 max-w-xl">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        data-chart="volume"
      >
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>
          Grouped bars of approved, denied and approved-after-appeal requests for each
          {report.period.kind === "year" ? " month" : " week"}; the table beside the chart has every
          figure.
          {withheld
            ? ` Withheld figures (${SUPPRESSED_FOOTNOTE}) are marked with their series and "withheld".`
            : ""}
        </desc>
        <defs>
          <pattern
            id={hatch}
            width={6}
            height={6}
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width={6} height={6} className="fill-emerald-50" />
            <line x1={0} y1={0} x2={0} y2={6} strokeWidth={3} className="stroke-emerald-800" />
          </pattern>
        </defs>
        {VOLUME_SERIES.map((s, i) => (
          <g key={s.key} transform={`translate(${LEFT + [0, 110, 200][i]!} 8)`}>
            <rect
              width={14}
              height={14}
              fill={s.key === "approvedAfterAppeal" ? `url(#${hatch})` : undefined}
              className={FILL[s.key]}
            />
            <text x={20} y={12} fontSize={13} className="fill-slate-900">
              {s.label}
            </text>
          </g>
        ))}
        {Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step).map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={RIGHT} y1={y(v)} y2={y(v)} className="stroke-slate-200" />
            <text
              x={LEFT - 6}
              y={y(v) + 4}
              fontSize={12}
              textAnchor="end"
              className="fill-slate-700"
            >
              {v.toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {report.volume.map((row, b) => {
          const left = LEFT + b * slot + slot * 0.1;
          return (
            <g key={row.bucket.key}>
              {VOLUME_SERIES.map((s, i) => {
                const cell = row[s.key];
                const cx = left + i * barWidth;
                if (cell.kind === "suppressed")
                  return (
                    <text
                      key={s.key}
                      transform={`translate(${cx + barWidth / 2 + 3} ${BASE - 4}) rotate(-90)`}
                      fontSize={10}
                      fontStyle="italic"
                      className="fill-slate-700"
                    >
                      {`${s.label}: withheld`}
                    </text>
                  );
                if (cell.kind !== "value" || cell.value === 0) return null;
                return (
                  <rect
                    key={s.key}
                    x={cx}
                    y={y(cell.value)}
                    width={barWidth - 1}
                    height={BASE - y(cell.value)}
                    fill={s.key === "approvedAfterAppeal" ? `url(#${hatch})` : undefined}
                    className={FILL[s.key]}
                  >
                    <title>{`${row.bucket.label}, ${s.label.toLowerCase()}: ${showCell(cell, "requests")}`}</title>
                  </rect>
                );
              })}
              {b % labelEvery === 0 ? (
                <text
                  x={LEFT + b * slot + slot / 2}
                  y={BASE + 16}
                  fontSize={12}
                  textAnchor="middle"
                  className="fill-slate-700"
                >
                  {row.bucket.short}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={LEFT} x2={RIGHT} y1={BASE} y2={BASE} className="stroke-slate-600" />
      </svg>
      <figcaption className="mt-1 text-sm text-slate-700">
        {caption}.
        {withheld
          ? ` Gaps marked with a series and "withheld" are withheld figures (${SUPPRESSED_FOOTNOTE}), not zeros.`
          : ""}
      </figcaption>
    </figure>
  );
}
