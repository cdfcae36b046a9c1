import { allHold, type Condition } from "./conditions";
import { DETERMINATION_LABELS, type Determination } from "./determinations";
import type { AnswerValue, Answers, Field } from "./fields";
import { GATES, type Gate, type GateStep } from "./gates";
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
  /** The question the gate asks; absent for a gate that concludes without a question. */
  field?: Field;
  step: GateStep;
  title: string;
  question?: string;
  state: GateState;
  answer?: AnswerValue;
  answerLabel?: string;
  /** One sentence: why the gate is in this state. */
  reason: string;
  cites: readonly PassageId[];
  /** A caution beside the reason (the 0% chimerism note, say); never changes the outcome. */
  note?: string;
}

export interface IgnoredAnswer {
  field: Field;
  answer: AnswerValue;
  /** "not-asked": the question is not asked for this case; "decided": an earlier gate decided. */
  why: "not-asked" | "decided";
  reason: string;
}

export interface Evaluation {
  /** The policy and the rules revision (rules-0261.md) this evaluation was made under. */
  policy: PolicyRef;
  determination: Determination;
  label: string;
  /** The gate that decided the case, or for an incomplete case the question still to answer. */
  decidedBy: {
    field?: Field;
    step: GateStep;
    title: string;
    reason: string;
    cites: readonly PassageId[];
    note?: string;
  };
  nextQuestion: Field | null;
  /** The questions asked for this case, in order, up to the one that decided it. */
  asked: Field[];
  trace: TraceEntry[];
  ignored: IgnoredAnswer[];
}

function describeConditions(conditions: readonly Condition[]): string {
  return conditions
    .map((c) => {
      const subject = getQuestion(c.field).subject;
      if ("in" in c)
        return `${subject} is ${c.as ?? c.in.map((v) => answerLabel(c.field, v)).join(" or ")}`;
      return "below" in c
        ? `${subject} is below ${c.below}`
        : `${subject} is at least ${c.atLeast}`;
    })
    .join(" and ");
}

/** When a gate applies: its question's "asked when", or a conclusion's own conditions. */
const appliesWhen = (gate: Gate) =>
  gate.field ? getQuestion(gate.field).askedWhen : gate.appliesWhen;

const NOT_ASKED_REASON = new Map(
  GATES.map((g) => [
    g,
    g.field
      ? `Not asked for this case: asked only when ${describeConditions(appliesWhen(g))}.`
      : `Does not apply to this case: applies only when ${describeConditions(appliesWhen(g))}.`,
  ]),
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
    const field = gate.field;
    const answer = field === undefined ? undefined : answers[field];
    // One object shape for every entry: spreading entries of varying shapes is slow in V8.
    const traceEntry = (
      state: GateState,
      reason: string,
      cites: readonly PassageId[],
      note?: string,
    ): TraceEntry => ({
      field,
      step: gate.step,
      title: gate.title,
      question: field === undefined ? undefined : getQuestion(field).text,
      state,
      answer,
      answerLabel: answer === undefined ? undefined : answerLabel(field!, answer),
      reason,
      cites,
      note,
    });

    if (!allHold(appliesWhen(gate), relevant)) {
      const reason = NOT_ASKED_REASON.get(gate)!;
      trace.push(traceEntry("not-asked", reason, []));
      if (field !== undefined && answer !== undefined)
        ignored.push({ field, answer, why: "not-asked", reason });
      continue;
    }
    if (field !== undefined && answer !== undefined)
      (relevant as Record<Field, AnswerValue>)[field] = answer;

    if (stop) {
      const decided = stop.determination !== "incomplete";
      const reason = decided
        ? `Not needed: the case was decided at gate ${stop.entry.step} (${stop.entry.title}).`
        : `Waits for an earlier answer: “${stop.entry.question}”`;
      trace.push(traceEntry("not-asked", reason, []));
      if (field !== undefined && answer !== undefined && decided)
        ignored.push({ field, answer, why: "decided", reason });
      continue;
    }

    if (field !== undefined) {
      asked.push(field);
      if (answer === undefined) {
        const question = getQuestion(field);
        const entry = traceEntry("missing", `Not answered yet: “${question.text}”`, question.cites);
        trace.push(entry);
        stop = { entry, determination: "incomplete" };
        continue;
      }
    }

    const rule = gate.rules.find((r) => allHold(r.when, relevant));
    if (!rule) throw new Error(`Gate ${gate.step} (${gate.title}) has no rule for this case`);
    const entry = traceEntry(rule.state, rule.reason, rule.cites, rule.note);
    trace.push(entry);
    if (rule.determination) stop = { entry, determination: rule.determination };
  }

  if (!stop) throw new Error("The gates ended without a determination");
  const { entry, determination } = stop;
  return {
    policy: POLICY_REF,
    determination,
    label: DETERMINATION_LABELS[determination],
    decidedBy: {
      field: entry.field,
      step: entry.step,
      title: entry.title,
      reason: entry.reason,
      cites: entry.cites,
      note: entry.note,
    },
    nextQuestion: determination === "incomplete" ? entry.field! : null,
    asked,
    trace,
    ignored,
  };
}

export type AskedEntry = TraceEntry & { field: Field };

/** The trace entries of the questions asked for the case, in the order they were asked. */
export function askedEntries(evaluation: Pick<Evaluation, "trace" | "asked">): AskedEntry[] {
  return evaluation.trace.filter(
    (t): t is AskedEntry => t.field !== undefined && evaluation.asked.includes(t.field),
  );
}
