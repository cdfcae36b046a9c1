import { G, Line, Polygon, Rect, Svg, Text } from "@react-pdf/renderer";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import {
  chartsFor,
  litPath,
  wentOn,
  type FlowArrow,
  type FlowchartLayout,
} from "@/lib/policy/engine/flowchart";
import type { DeterminationTone } from "@/lib/policy/engine/types";

// The same layout as the web page's flowchart (lib/policy/engine/flowchart.ts), in PDF vector
// primitives, with the case's path lit: the chart of the case's service, arrows labelled.
const TONE: Record<DeterminationTone, [fill: string, stroke: string]> = {
  approve: ["#f0fdf4", "#15803d"],
  deny: ["#fef2f2", "#b91c1c"],
  experimental: ["#fffbeb", "#b45309"],
  refer: ["#f5f3ff", "#6d28d9"],
  incomplete: ["#f8fafc", "#64748b"],
};

/** An arrowhead at (x2, y2), pointing along the line from (x1, y1). */
function arrowHead({ x1, y1, x2, y2 }: FlowArrow) {
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
  const [bx, by] = [x2 - 5 * ux, y2 - 5 * uy];
  return `${bx - 3 * uy},${by + 3 * ux} ${x2},${y2} ${bx + 3 * uy},${by - 3 * ux}`;
}

function Arrow({ arrow, taken }: { arrow: FlowArrow; taken: boolean }) {
  const colour = taken ? "#0f172a" : "#94a3b8";
  return (
    <G>
      <Line
        x1={arrow.x1}
        y1={arrow.y1}
        x2={arrow.x2}
        y2={arrow.y2}
        stroke={colour}
        strokeWidth={taken ? 2 : 1}
      />
      <Polygon points={arrowHead(arrow)} fill={colour} />
      {arrow.lines.map((line, j) => (
        <Text
          key={j}
          x={arrow.labelX}
          y={arrow.labelY + 9 + 12 * j}
          style={{ fontSize: 9 }}
          fill={taken ? "#0f172a" : "#334155"}
        >
          {line}
        </Text>
      ))}
    </G>
  );
}

/**
 * The case's flowchart at most `width` wide and `maxHeight` tall: an SVG cannot break across
 * pages, so a policy with many gates is drawn smaller rather than pushed off the page.
 */
export function FlowchartPdf({
  charts,
  evaluation,
  width,
  maxHeight = 600,
}: {
  charts: readonly FlowchartLayout[];
  evaluation: Evaluation;
  width: number;
  maxHeight?: number;
}) {
  return chartsFor(charts, evaluation).map((layout) => (
    <Chart
      key={layout.title}
      layout={layout}
      evaluation={evaluation}
      width={width}
      maxHeight={maxHeight}
    />
  ));
}

function Chart({
  layout,
  evaluation,
  width,
  maxHeight,
}: {
  layout: FlowchartLayout;
  evaluation: Evaluation;
  width: number;
  maxHeight: number;
}) {
  const { states, determination } = litPath(evaluation, layout);
  const scale = Math.min(width / layout.width, maxHeight / layout.height);
  return (
    <Svg
      width={layout.width * scale}
      height={layout.height * scale}
      viewBox={`-2 -2 ${layout.width + 4} ${layout.height + 4}`}
    >
      {layout.gates.map((gate, i) => {
        const state = states[i];
        const passed = wentOn(state) || state === "decided";
        return (
          <G key={gate.index}>
            {gate.next ? <Arrow arrow={gate.next} taken={wentOn(state)} /> : null}
            <Rect
              x={gate.x}
              y={gate.y}
              width={gate.width}
              height={gate.height}
              rx={4}
              fill={state === "decided" ? "#dbeafe" : passed ? "#eff6ff" : "#ffffff"}
              stroke={passed ? "#1e3a8a" : state === "missing" ? "#b45309" : "#cbd5e1"}
              strokeWidth={state === "decided" ? 3 : 1}
            />
            <Lines lines={[...gate.lines, gate.key]} x={gate.x} y={gate.y} />
            {gate.outcomes.map((o) => {
              const reached = state === "decided" && o.determination === determination;
              const [fill, stroke] = TONE[o.tone];
              return (
                <G key={o.determination}>
                  <Arrow arrow={o.arrow} taken={reached} />
                  <Rect
                    x={o.x}
                    y={o.y}
                    width={o.width}
                    height={o.height}
                    rx={8}
                    fill={fill}
                    stroke={stroke}
                    strokeWidth={reached ? 3 : 1}
                  />
                  <Lines lines={o.lines} x={o.x} y={o.y} />
                </G>
              );
            })}
          </G>
        );
      })}
    </Svg>
  );
}

/** A box's wrapped lines of text, from its top-left corner. */
function Lines({ lines, x, y }: { lines: readonly string[]; x: number; y: number }) {
  return lines.map((line, j) => (
    <Text key={j} x={x + 6} y={y + 16 + 13 * j} style={{ fontSize: 10 }} fill="#0f172a">
      {line}
    </Text>
  ));
}
