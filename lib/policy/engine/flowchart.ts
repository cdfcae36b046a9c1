import type { Evaluation, GateState } from "./evaluate";
import type { DeterminationTone, PolicyRules } from "./types";

// The decision flowchart of a policy, laid out from its gates (on the server: the browser gets
// the boxes as data and only lights them). One row per gate, top to bottom in the order the
// gates are asked; beside each gate the determinations it can reach; an arrow down to the next
// gate where the gate can let the case go on. 340 units wide, so it reads on a 360 px screen.

export const FLOWCHART_WIDTH = 340;
const GATE_X = 0;
const GATE_WIDTH = 168;
const OUTCOME_X = 196;
const OUTCOME_WIDTH = FLOWCHART_WIDTH - OUTCOME_X;
const LINE = 13;
const PAD = 6;
const ROW_GAP = 22;
const OUTCOME_GAP = 6;

export interface FlowText {
  lines: string[];
}

export interface FlowOutcome {
  determination: string;
  tone: DeterminationTone;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowGate {
  /** Index in the policy's gates, and in every evaluation's trace. */
  index: number;
  step: number;
  title: string;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  outcomes: FlowOutcome[];
  /** Whether some answer lets the case go on to the next gate. */
  continues: boolean;
}

export interface FlowchartLayout {
  title: string;
  width: number;
  height: number;
  gates: FlowGate[];
}

/** Breaks text into lines of at most `max` characters, at spaces where it can. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    while (line.length > max) {
      lines.push(line.slice(0, max));
      line = line.slice(max);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function flowchartLayout(policy: PolicyRules): FlowchartLayout {
  const charsFor = (width: number) => Math.floor((width - 2 * PAD) / 6.2);
  const toneOf = new Map(policy.determinations.map((d) => [d.value, d]));
  let y = 0;
  const gates = policy.gates.map((gate, index): FlowGate => {
    const lines = wrap(`Gate ${gate.step} · ${gate.title}`, charsFor(GATE_WIDTH));
    const height = lines.length * LINE + 2 * PAD;
    const reached = [
      ...new Set(gate.rules.flatMap((r) => (r.determination ? [r.determination] : []))),
    ];
    let outcomeY = y;
    const outcomes = reached.map((determination): FlowOutcome => {
      const def = toneOf.get(determination);
      const outcomeLines = wrap(def?.label ?? determination, charsFor(OUTCOME_WIDTH));
      const outcome = {
        determination,
        tone: def?.tone ?? "incomplete",
        lines: outcomeLines,
        x: OUTCOME_X,
        y: outcomeY,
        width: OUTCOME_WIDTH,
        height: outcomeLines.length * LINE + 2 * PAD,
      };
      outcomeY += outcome.height + OUTCOME_GAP;
      return outcome;
    });
    const row = {
      index,
      step: gate.step,
      title: gate.title,
      lines,
      x: GATE_X,
      y,
      width: GATE_WIDTH,
      height,
      outcomes,
    };
    y = Math.max(y + height, outcomeY - OUTCOME_GAP) + ROW_GAP;
    return { ...row, continues: gate.rules.some((r) => !r.determination) };
  });
  return {
    title: `Decision flowchart of ${policy.meta.documentType} ${policy.meta.number}`,
    width: FLOWCHART_WIDTH,
    height: Math.max(0, y - ROW_GAP),
    gates,
  };
}

export type LitState = GateState | "decided";

/** How the case lights the flowchart: each gate's state, and the outcome it reached. */
export function litPath(evaluation: Evaluation | undefined, layout: FlowchartLayout) {
  // An evaluation made under other rules (a stored one from an earlier revision) has another
  // trace: it lights nothing rather than the wrong gates.
  const fits = evaluation?.trace.length === layout.gates.length;
  const states = layout.gates.map((g): LitState | undefined => {
    const entry = fits ? evaluation!.trace[g.index] : undefined;
    if (!entry || entry.title !== g.title) return undefined;
    const decided =
      evaluation!.determination !== "incomplete" &&
      g.step === evaluation!.decidedBy.step &&
      g.title === evaluation!.decidedBy.title;
    return decided ? "decided" : entry.state;
  });
  return { states, determination: evaluation?.determination };
}

/** The flowchart as words: what a screen reader and the PDF's text layer read. */
export function flowchartDescription(
  policy: PolicyRules,
  layout: FlowchartLayout,
  evaluation?: Evaluation,
): string {
  const { states } = litPath(evaluation, layout);
  return layout.gates
    .map((g, i) => {
      const gate = policy.gates[g.index]!;
      const outcomes = g.outcomes.map((o) => o.lines.join(" ")).join("; ");
      const state = states[i];
      const lit = !state
        ? ""
        : state === "decided"
          ? ` This case was decided here: ${evaluation!.label}.`
          : state === "missing"
            ? " This case waits for this answer."
            : state === "not-asked"
              ? " Not part of this case."
              : " This case passed here.";
      return `Gate ${gate.step}, ${gate.title}${outcomes ? `, can lead to: ${outcomes}` : ""}.${lit}`;
    })
    .join(" ");
}
