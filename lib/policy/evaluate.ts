import { allHold, type Condition } from "./conditions";
import { DETERMINATION_LABELS, type Determination } from "./determinations";
import type { AnswerValue, Answers, Field } from "./fields";
import { GATES, type Gate } from "./gates";
import type { PassageId } from "./passages";
import { POLICY_REF, type PolicyRef } from "./policy-meta";
import { answerLabel, getQuestion } from "./questions";

export type GateState = "met" | "not-met" | "missing" | "not-asked";

export const GATE_STATE_LABELS: Record<GateState, string> = {
  met: "Met",
  "not-met": "Not met",
  missing: "Missing",
  "not-asked": "Not asked",
};

export interface TraceEntry {
  field: Field;
  step: Gate["step"];
  title: string;
  question: string;
  state: GateState;
  answer?: AnswerValue;
  answerLabel?: string;
  /** One sentence: why the gate is in this state. */
  reason: string;
  cites: readonly PassageId[];
}

export interface IgnoredAnswer {
  field: Field;
  answer: AnswerValue;
  /** "not-asked": the question is not asked for this case; "decided": an earlier gate decided. */
  why: "not-asked" | "decided";
  reason: string;
}

export interface Evaluation {
  policy: PolicyRef;
  determination: Determination;
  label: string;
  /** The gate that decided the case, or for an incomplete case the question still to answer. */
  decidedBy: { field: Field; step: Gate["step"]; reason: string; cites: readonly PassageId[] };
  nextQuestion: Field | null;
  /** The questions asked for this case, in order, up to the one that decided it. */
  asked: Field[];
  trace: TraceEntry[];
  ignored: IgnoredAnswer[];
}

function describeAskedWhen(conditions: readonly Condition[]): string {
  const when = conditions
    .map((c) => {
      const subject = getQuestion(c.field).subject;
      if ("in" in c)
        return `${subject} is ${c.in.map((v) => answerLabel(c.field, v)).join(" or ")}`;
      return "below" in c
        ? `${subject} is below ${c.below}`
        : `${subject} is at least ${c.atLeast}`;
    })
    .join(" and ");
  return `Not asked for this case: asked only when ${when}.`;
}

const NOT_ASKED_REASON = new Map(
  GATES.map((g) => [g.field, describeAskedWhen(getQuestion(g.field).askedWhen)]),
);

/**
 * Reads one case as rules-0261.md says: gates in order, the first that decides decides, a missing
 * answer makes the case incomplete. Pure and total for every input that passed `answersSchema`.
 */
export function evaluate(answers: Answers): Evaluation {
  // Answers to questions that are asked for this case; "asked when" reads only these.
  const relevant: Answers = {};
  const trace: TraceEntry[] = [];
  const ignored: IgnoredAnswer[] = [];
  const asked: Field[] = [];
  let stop: { entry: TraceEntry; determination: Determination } | undefined;

  for (const gate of GATES) {
    const question = getQuestion(gate.field);
    const answer = answers[gate.field];
    // One object shape for every entry: spreading entries of varying shapes is slow in V8.
    const traceEntry = (
      state: GateState,
      reason: string,
      cites: readonly PassageId[],
    ): TraceEntry => ({
      field: gate.field,
      step: gate.step,
      title: gate.title,
      question: question.text,
      state,
      answer,
      answerLabel: answer === undefined ? undefined : answerLabel(gate.field, answer),
      reason,
      cites,
    });

    if (!allHold(question.askedWhen, relevant)) {
      const reason = NOT_ASKED_REASON.get(gate.field)!;
      trace.push(traceEntry("not-asked", reason, []));
      if (answer !== undefined)
        ignored.push({ field: gate.field, answer, why: "not-asked", reason });
      continue;
    }
    if (answer !== undefined) (relevant as Record<Field, AnswerValue>)[gate.field] = answer;

    if (stop) {
      const decided = stop.determination !== "incomplete";
      const reason = decided
        ? `Not needed: the case was decided at gate ${stop.entry.step} (${stop.entry.title}).`
        : `Waits for an earlier answer: “${stop.entry.question}”`;
      trace.push(traceEntry("not-asked", reason, []));
      if (answer !== undefined && decided)
        ignored.push({ field: gate.field, answer, why: "decided", reason });
      continue;
    }

    asked.push(gate.field);
    if (answer === undefined) {
      const entry = traceEntry("missing", `Not answered yet: “${question.text}”`, question.cites);
      trace.push(entry);
      stop = { entry, determination: "incomplete" };
      continue;
    }

    const rule = gate.rules.find((r) => allHold(r.when, relevant));
    if (!rule) throw new Error(`Gate ${gate.field} has no rule for this case`);
    const entry = traceEntry(rule.state, rule.reason, rule.cites);
    trace.push(entry);
    if (rule.determination) stop = { entry, determination: rule.determination };
  }

  if (!stop) throw new Error("The gates ended without a determination");
  const { entry, determination } = stop;
  return {
    policy: POLICY_REF,
    determination,
    label: DETERMINATION_LABELS[determination],
    decidedBy: { field: entry.field, step: entry.step, reason: entry.reason, cites: entry.cites },
    nextQuestion: determination === "incomplete" ? entry.field : null,
    asked,
    trace,
    ignored,
  };
}
