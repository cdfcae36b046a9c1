import type { DeterminationTone } from "@/lib/policy/engine/types";
import {
  wentOn,
  type FlowArrow,
  type FlowchartLayout,
  type LitState,
} from "@/lib/policy/engine/flowchart";

const TONE: Record<DeterminationTone, string> = {
  approve: "fill-green-50 stroke-green-700",
  deny: "fill-red-50 stroke-red-700",
  experimental: "fill-amber-50 stroke-amber-700",
  refer: "fill-violet-50 stroke-violet-700",
  incomplete: "fill-slate-50 stroke-slate-500",
};

const GATE: Record<LitState, string> = {
  met: "fill-blue-50 stroke-blue-800",
  "not-met": "fill-blue-50 stroke-blue-800",
  decided: "fill-blue-100 stroke-blue-900",
  missing: "fill-amber-50 stroke-amber-700",
  "not-asked": "fill-white stroke-slate-300",
};

const LINE = 13;
const LABEL_LINE = 12;

function Lines({
  lines,
  x,
  y,
  className,
  fontSize = 11,
  step = LINE,
}: {
  lines: readonly string[];
  x: number;
  y: number;
  className: string;
  fontSize?: number;
  step?: number;
}) {
  return (
    <text x={x} y={y} className={className} fontSize={fontSize}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : step}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** An arrow with the answers that take it written beside it; bold where the case took it. */
function Arrow({
  id,
  arrow,
  taken,
  to,
}: {
  id: string;
  arrow: FlowArrow;
  taken: boolean;
  /** "next", or the determination it leads to. */
  to: string;
}) {
  return (
    <g data-arrow={to} data-taken={taken || undefined}>
      <line
        x1={arrow.x1}
        y1={arrow.y1}
        x2={arrow.x2}
        y2={arrow.y2}
        className={taken ? "stroke-slate-900" : "stroke-slate-400"}
        strokeWidth={taken ? 2 : 1}
        markerEnd={`url(#${id}-arrow)`}
      />
      <Lines
        lines={arrow.lines}
        x={arrow.labelX}
        y={arrow.labelY + 9}
        fontSize={10}
        step={LABEL_LINE}
        className={taken ? "fill-slate-900 font-semibold" : "fill-slate-700"}
      />
    </g>
  );
}

/**
 * One decision flowchart as SVG: its gates by name, the determinations each can reach and the
 * arrow down to the next gate, every arrow labelled with the answers that take it; the case's
 * path lit (gates passed, the gate that decided, the arrows taken, the determination reached)
 * when there is a case. `description` is its text alternative, the same path and labels in words.
 */
export function FlowchartSvg({
  id,
  layout,
  states,
  determination,
  description,
}: {
  id: string;
  layout: FlowchartLayout;
  states: readonly (LitState | undefined)[];
  determination?: string;
  description: string;
}) {
  const lit = states.some((s) => s !== undefined);
  return (
    <svg
      viewBox={`-2 -2 ${layout.width + 4} ${layout.height + 4}`}
      className="h-auto w-full max-w-[30rem]"
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-testid="flowchart"
    >
      <title id={`${id}-title`}>{layout.title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <marker
          id={`${id}-arrow`}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L8,4 L0,8 z" className="fill-slate-600" />
        </marker>
      </defs>
      {layout.gates.map((gate, i) => {
        const state = states[i];
        const gateClass = lit ? GATE[state ?? "not-asked"] : "fill-white stroke-slate-600";
        const dim = lit && (state === undefined || state === "not-asked");
        return (
          <g
            key={gate.index}
            data-gate={gate.index}
            data-title={gate.title}
            data-state={state ?? "none"}
            opacity={dim ? 0.5 : 1}
          >
            {gate.next ? <Arrow id={id} arrow={gate.next} taken={wentOn(state)} to="next" /> : null}
            <rect
              x={gate.x}
              y={gate.y}
              width={gate.width}
              height={gate.height}
              rx={4}
              className={gateClass}
              strokeWidth={state === "decided" ? 3 : 1}
              strokeDasharray={state === "missing" ? "4 3" : undefined}
            />
            <Lines
              lines={gate.lines}
              x={gate.x + 6}
              y={gate.y + 6 + 10}
              className="fill-slate-900 font-semibold"
            />
            <Lines
              lines={[gate.key]}
              x={gate.x + 6}
              y={gate.y + 6 + 10 + LINE * gate.lines.length}
              fontSize={10}
              className="fill-slate-700"
            />
            {gate.outcomes.map((outcome) => {
              const reached = state === "decided" && outcome.determination === determination;
              return (
                <g
                  key={outcome.determination}
                  data-outcome={outcome.determination}
                  data-reached={reached || undefined}
                >
                  <Arrow id={id} arrow={outcome.arrow} taken={reached} to={outcome.determination} />
                  <rect
                    x={outcome.x}
                    y={outcome.y}
                    width={outcome.width}
                    height={outcome.height}
                    rx={8}
                    className={TONE[outcome.tone]}
                    strokeWidth={reached ? 3 : 1}
                    opacity={!lit || reached ? 1 : 0.55}
                  />
                  <Lines
                    lines={outcome.lines}
                    x={outcome.x + 6}
                    y={outcome.y + 6 + 10}
                    className="fill-slate-900"
                  />
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
