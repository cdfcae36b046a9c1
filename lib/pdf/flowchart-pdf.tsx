import { G, Line, Polygon, Rect, Svg, Text } from "@react-pdf/renderer";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { litPath, type FlowchartLayout } from "@/lib/policy/engine/flowchart";
import type { DeterminationTone } from "@/lib/policy/engine/types";

// The same layout as the web page's flowchart (lib/policy/engine/flowchart.ts), in PDF vector
// primitives, with the case's path lit.
const TONE: Record<DeterminationTone, [fill: string, stroke: string]> = {
  approve: ["#f0fdf4", "#15803d"],
  deny: ["#fef2f2", "#b91c1c"],
  experimental: ["#fffbeb", "#b45309"],
  refer: ["#f5f3ff", "#6d28d9"],
  incomplete: ["#f8fafc", "#64748b"],
};

const arrowHead = (x: number, y: number) => `${x - 5},${y - 3} ${x},${y} ${x - 5},${y + 3}`;

/**
 * The flowchart at most `width` wide and `maxHeight` tall: an SVG cannot break across pages, so
 * a policy with many gates is drawn smaller rather than pushed off the page.
 */
export function FlowchartPdf({
  layout,
  evaluation,
  width,
  maxHeight = 600,
}: {
  layout: FlowchartLayout;
  evaluation: Evaluation;
  width: number;
  maxHeight?: number;
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
        const next = layout.gates[i + 1];
        const passed = state === "met" || state === "not-met" || state === "decided";
        const down = gate.continues && next;
        return (
          <G key={gate.index}>
            {down ? (
              <G>
                <Line
                  x1={gate.x + gate.width / 2}
                  y1={gate.y + gate.height}
                  x2={next.x + next.width / 2}
                  y2={next.y - 1}
                  stroke={state === "met" ? "#1e40af" : "#94a3b8"}
                  strokeWidth={state === "met" ? 2 : 1}
                />
                <Polygon
                  points={`${next.x + next.width / 2 - 3},${next.y - 6} ${next.x + next.width / 2},${next.y - 1} ${next.x + next.width / 2 + 3},${next.y - 6}`}
                  fill={state === "met" ? "#1e40af" : "#94a3b8"}
                />
              </G>
            ) : null}
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
            <Lines lines={gate.lines} x={gate.x} y={gate.y} />
            {gate.outcomes.map((o) => {
              const reached = state === "decided" && o.determination === determination;
              const [fill, stroke] = TONE[o.tone];
              const y = o.y + o.height / 2;
              return (
                <G key={o.determination}>
                  <Line
                    x1={gate.x + gate.width}
                    y1={gate.y + gate.height / 2}
                    x2={o.x - 1}
                    y2={y}
                    stroke={reached ? "#0f172a" : "#cbd5e1"}
                    strokeWidth={reached ? 2 : 1}
                  />
                  <Polygon points={arrowHead(o.x - 1, y)} fill={reached ? "#0f172a" : "#cbd5e1"} />
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
