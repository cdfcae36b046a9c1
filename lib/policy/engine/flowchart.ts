import { mayHold } from "./conditions";
import { appliesWhen, describeConditions, type Evaluation, type GateState } from "./evaluate";
import { answerLabel, getQuestion, isYesNo, optionFor } from "./questions";
import type {
  AnswerValue,
  Answers,
  Condition,
  DeterminationTone,
  Gate,
  PolicyRules,
  Question,
  Rule,
} from "./types";

// The decision flowcharts of a policy, laid out from its gates (on the server: the browser gets
// the boxes as data and only lights them). A policy whose gates depend on the service requested
// has one chart per service, each with that service's gates only; a case shows its service's
// chart, and a case whose service is not answered yet (or the policy page) shows them all.
// One row per gate, top to bottom in the order the gates are asked; beside each gate the
// determinations it can reach, each arrow labelled with the answers that take it; an arrow down
// to the next gate, labelled too, where the gate can let the case go on. 340 units wide, so it
// reads on a 360 px screen.

export const FLOWCHART_WIDTH = 340;
const GATE_X = 0;
const GATE_WIDTH = 168;
const OUTCOME_X = 196;
const OUTCOME_WIDTH = FLOWCHART_WIDTH - OUTCOME_X;
/** Where the arrow down to the next gate runs, and where its label starts. */
const DOWN_X = 16;
const DOWN_LABEL_X = 24;
const DOWN_LABEL_WIDTH = OUTCOME_X - 6 - DOWN_LABEL_X;
const LINE = 13;
const LABEL_LINE = 12;
const PAD = 6;
const ROW_GAP = 22;
const OUTCOME_GAP = 8;

/** An arrow and the answers that take it, in words. */
export interface FlowArrow {
  label: string;
  /** The label broken into lines, drawn from (labelX, labelY), the first line's top. */
  lines: string[];
  labelX: number;
  labelY: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FlowOutcome {
  determination: string;
  /** The determination as the policy shows it. */
  label: string;
  tone: DeterminationTone;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  /** From the gate to this determination. */
  arrow: FlowArrow;
}

export interface FlowGate {
  /** Index in the policy's gates, and in every evaluation's trace. */
  index: number;
  step: number;
  /** The gate's name; the box's first lines. */
  title: string;
  lines: string[];
  /** The gate's number in the policy's contract, a secondary key: the box's last line. */
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  outcomes: FlowOutcome[];
  /** The arrow down to the next gate of this chart, where some answer lets the case go on. */
  next?: FlowArrow & { to: number };
}

/** The answer a chart is drawn for: the service, in a policy whose gates depend on it. */
export interface FlowBranch {
  field: string;
  value: AnswerValue;
  label: string;
}

export interface FlowchartLayout {
  title: string;
  branch?: FlowBranch;
  /** How many gates the policy has: a trace of another length was read under other rules. */
  gateCount: number;
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

const charsFor = (width: number, fontSize = 11) =>
  Math.floor((width - 2 * PAD) / (fontSize * 0.565));
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const orList = (items: readonly string[]) =>
  items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
const sameCondition = (a: Condition, b: Condition) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The question whose answer names the service (its options carry CPT codes), when other gates
 * depend on it: the field the charts branch on. Undefined for a policy that asks all its gates
 * whatever the service.
 */
function branchQuestion(policy: PolicyRules): Question | undefined {
  const service = policy.questions.find(
    (q) => q.kind === "choice" && q.options.some((o) => o.cpt !== undefined),
  );
  if (!service) return undefined;
  const mentions = (conditions: readonly Condition[]) =>
    conditions.some((c) => c.field === service.field);
  const depends = policy.gates.some(
    (g) =>
      g.field !== service.field &&
      (mentions(appliesWhen(policy, g)) || g.rules.some((r) => mentions(r.when))),
  );
  return depends ? service : undefined;
}

/** What takes one rule, for its arrow's label: its own answers, or a range of numbers. */
type Taking =
  | { kind: "values"; values: AnswerValue[]; qualifier: string; state: Rule["state"] }
  | { kind: "named"; text: string; qualifier: string }
  | { kind: "range"; lo: number; hi: number; closed: boolean; qualifier: string };

/**
 * The answers that take each rule of a gate, in the rules' order. A rule is the first that holds,
 * so a number rule takes what the rules before it left: "below 95" after "below 5" is 5 to 95.
 */
function takings(policy: PolicyRules, gate: Gate, rules: readonly Rule[], branch?: FlowBranch) {
  const question = gate.field === undefined ? undefined : getQuestion(policy, gate.field);
  let lo = question?.kind === "number" ? question.min : 0;
  return rules.map((rule): Taking => {
    const own = rule.when.filter((c) => c.field === gate.field);
    const offeredWhen = own.flatMap((c) =>
      "in" in c && question ? c.in.flatMap((v) => optionFor(question, v)?.offered?.when ?? []) : [],
    );
    // Conditions on other answers say when the arrow is taken, unless the chart's service or
    // the offer of the answer itself already says so.
    const others = rule.when.filter(
      (c) =>
        c.field !== gate.field &&
        c.field !== branch?.field &&
        !offeredWhen.some((o) => sameCondition(o, c)),
    );
    const qualifier = others.length ? `, when ${describeConditions(policy, others)}` : "";
    const condition = own[0];
    if (!condition || !question)
      return {
        kind: "named",
        text: gate.field === undefined ? "Every gate above met" : "Any answer",
        qualifier,
      };
    if ("in" in condition)
      return condition.as
        ? { kind: "named", text: capitalize(condition.as), qualifier }
        : { kind: "values", values: [...condition.in], qualifier, state: rule.state };
    if (question.kind !== "number") throw new Error(`Gate ${gate.title}: a range on a choice`);
    if ("below" in condition) {
      const range = { kind: "range" as const, lo, hi: condition.below, closed: false, qualifier };
      lo = Math.max(lo, condition.below);
      return range;
    }
    return {
      kind: "range",
      lo: Math.max(lo, condition.atLeast),
      hi: question.max,
      closed: true,
      qualifier,
    };
  });
}

/** The words of the takings that lead to one place, merged: one label per arrow. */
function labelOf(policy: PolicyRules, gate: Gate, taken: readonly Taking[]): string {
  const question = gate.field === undefined ? undefined : getQuestion(policy, gate.field);
  const parts: string[] = [];
  const byQualifier = new Map<string, Taking[]>();
  for (const t of taken) byQualifier.set(t.qualifier, [...(byQualifier.get(t.qualifier) ?? []), t]);
  for (const [qualifier, group] of byQualifier) {
    const words: string[] = [];
    const values = group.flatMap((t) => (t.kind === "values" ? t.values : []));
    if (values.length) {
      const quoted = orList(values.map((v) => `“${answerLabel(question!, v)}”`));
      // "Yes" beside a gate named for its criterion ("No conditioning regimen") says which way.
      const state = group.find((t) => t.kind === "values")!;
      words.push(
        isYesNo(question!) && state.kind === "values"
          ? `${quoted} (${state.state === "met" ? "met" : "not met"})`
          : quoted,
      );
    }
    for (const t of group) if (t.kind === "named") words.push(t.text);
    const ranges = group
      .flatMap((t) => (t.kind === "range" ? [{ ...t }] : []))
      .sort((a, b) => a.lo - b.lo);
    const merged: typeof ranges = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      if (last && !last.closed && last.hi === r.lo)
        Object.assign(last, { hi: r.hi, closed: r.closed });
      else merged.push(r);
    }
    for (const r of merged) {
      const at = (n: number) => answerLabel(question!, n);
      const min = question?.kind === "number" ? question.min : 0;
      words.push(
        r.closed
          ? r.lo === r.hi
            ? at(r.lo)
            : `${at(r.lo)} or more`
          : r.lo <= min
            ? `Below ${at(r.hi)}`
            : `${at(r.lo)} to below ${at(r.hi)}`,
      );
    }
    parts.push(orList(words) + qualifier);
  }
  return parts.join("; or ");
}

/** One chart: the gates of one branch (or of the whole policy, with no branch). */
function layoutOf(policy: PolicyRules, branch?: FlowBranch): FlowchartLayout {
  const known: Answers = branch ? { [branch.field]: branch.value } : {};
  const toneOf = new Map(policy.determinations.map((d) => [d.value, d]));
  // A branch's gates: those that may apply to it, with the rules that may hold for it. A
  // condition on a question the branch never asks never holds (an answer not asked is ignored).
  const asked = new Set<string>();
  const mayApply = (conditions: readonly Condition[]) =>
    mayHold(conditions, known) && conditions.every((c) => c.field in known || asked.has(c.field));
  const chosen = policy.gates.flatMap((gate, index) => {
    if (!mayApply(appliesWhen(policy, gate))) return [];
    if (gate.field !== undefined) asked.add(gate.field);
    const rules = gate.rules.filter((r) => mayApply(r.when));
    return rules.length ? [{ gate, index, rules }] : [];
  });

  let y = 0;
  const gates = chosen.map(({ gate, index, rules }, i): FlowGate => {
    const lines = wrap(gate.title, charsFor(GATE_WIDTH));
    const height = (lines.length + 1) * LINE + 2 * PAD;
    const taken = takings(policy, gate, rules, branch);
    const targets = [...new Set(rules.map((r) => r.determination))];
    let outcomeY = y;
    const outcomes = targets.flatMap((determination): FlowOutcome[] => {
      if (determination === undefined) return [];
      const def = toneOf.get(determination);
      const label = labelOf(
        policy,
        gate,
        taken.filter((_, j) => rules[j]!.determination === determination),
      );
      const labelLines = wrap(label, charsFor(OUTCOME_WIDTH + 2 * PAD, 10));
      const boxY = outcomeY + labelLines.length * LABEL_LINE + 2;
      const boxLines = wrap(def?.label ?? determination, charsFor(OUTCOME_WIDTH));
      const boxHeight = boxLines.length * LINE + 2 * PAD;
      const outcome: FlowOutcome = {
        determination,
        label: def?.label ?? determination,
        tone: def?.tone ?? "incomplete",
        lines: boxLines,
        x: OUTCOME_X,
        y: boxY,
        width: OUTCOME_WIDTH,
        height: boxHeight,
        arrow: {
          label,
          lines: labelLines,
          labelX: OUTCOME_X,
          labelY: outcomeY,
          x1: GATE_X + GATE_WIDTH,
          y1: y + height / 2,
          x2: OUTCOME_X - 2,
          y2: boxY + boxHeight / 2,
        },
      };
      outcomeY = boxY + boxHeight + OUTCOME_GAP;
      return [outcome];
    });
    const onward = chosen[i + 1];
    const goesOn = targets.includes(undefined) && onward;
    let next: FlowGate["next"];
    const bottom = y + height;
    if (goesOn) {
      const label = labelOf(
        policy,
        gate,
        taken.filter((_, j) => rules[j]!.determination === undefined),
      );
      const labelLines = wrap(label, charsFor(DOWN_LABEL_WIDTH + 2 * PAD, 10));
      const nextY = Math.max(
        bottom + labelLines.length * LABEL_LINE + 14,
        outcomeY - OUTCOME_GAP + ROW_GAP,
      );
      next = {
        to: onward.index,
        label,
        lines: labelLines,
        labelX: DOWN_LABEL_X,
        labelY: bottom + 4,
        x1: GATE_X + DOWN_X,
        y1: bottom,
        x2: GATE_X + DOWN_X,
        y2: nextY - 2,
      };
    }
    const row: FlowGate = {
      index,
      step: gate.step,
      title: gate.title,
      lines,
      key: `Gate ${gate.step}`,
      x: GATE_X,
      y,
      width: GATE_WIDTH,
      height,
      outcomes,
      next,
    };
    y = next ? next.y2 + 2 : Math.max(bottom, outcomeY - OUTCOME_GAP) + ROW_GAP;
    return row;
  });
  const name = `${policy.meta.documentType} ${policy.meta.number}`;
  return {
    title: branch
      ? `Decision flowchart of ${name}: ${branch.label}`
      : `Decision flowchart of ${name}`,
    branch,
    gateCount: policy.gates.length,
    width: FLOWCHART_WIDTH,
    height: Math.max(0, y - ROW_GAP),
    gates,
  };
}

/**
 * Every chart of the policy, laid out: one per service where the gates depend on the service
 * (each with that service's gates and arrows only), else one for the whole policy.
 */
export function flowchartLayout(policy: PolicyRules): FlowchartLayout[] {
  const question = branchQuestion(policy);
  if (question?.kind !== "choice") return [layoutOf(policy)];
  return question.options.map((o) =>
    layoutOf(policy, { field: question.field, value: o.value, label: o.label }),
  );
}

/** The charts a case shows: its service's, or all of them before the service is answered. */
export function chartsFor(
  charts: readonly FlowchartLayout[],
  evaluation: Evaluation | undefined,
): readonly FlowchartLayout[] {
  const field = charts[0]?.branch?.field;
  const entry = evaluation?.trace.find((t) => t.field === field && t.state !== "not-asked");
  const own = charts.filter((c) => entry?.answer !== undefined && c.branch?.value === entry.answer);
  return own.length ? own : charts;
}

export type LitState = GateState | "decided";

/** How the case lights one chart: each gate's state, and the outcome it reached. */
export function litPath(evaluation: Evaluation | undefined, layout: FlowchartLayout) {
  // An evaluation made under other rules (a stored one from an earlier revision) has another
  // trace: it lights nothing rather than the wrong gates.
  const fits = evaluation?.trace.length === layout.gateCount;
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

/** Whether the case went on from a gate in this state, down its arrow to the next gate. */
export const wentOn = (state: LitState | undefined) => state === "met" || state === "not-met";

/**
 * The chart as words, the same path and the same arrow labels as the drawing: what a screen
 * reader and the PDF's text layer read.
 */
export function flowchartDescription(layout: FlowchartLayout, evaluation?: Evaluation): string {
  const { states, determination } = litPath(evaluation, layout);
  const titleOf = new Map(layout.gates.map((g) => [g.index, g.title]));
  const gates = layout.gates.map((g, i) => {
    const ways = [
      ...g.outcomes.map((o) => `${o.arrow.label} leads to ${o.label}`),
      ...(g.next ? [`${g.next.label} leads on to ${titleOf.get(g.next.to)}`] : []),
    ].join("; ");
    const state = states[i];
    const reached = g.outcomes.find((o) => o.determination === determination);
    const lit = !state
      ? ""
      : state === "decided"
        ? ` This case was decided here: ${evaluation!.label}${reached ? ` (${reached.arrow.label})` : ""}.`
        : state === "missing"
          ? " This case waits for this answer."
          : state === "not-asked"
            ? " Not part of this case."
            : ` This case went on: ${g.next?.label ?? ""}.`;
    return `${g.title} (gate ${g.step})${ways ? `: ${ways}` : ""}.${lit}`;
  });
  return [`${layout.title}.`, ...gates].join(" ");
}
