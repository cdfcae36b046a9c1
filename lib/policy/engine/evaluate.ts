import { gateName } from "./gate-name";
import { allHold } from "./conditions";
import {
  answerLabel,
  citationsFor,
  getQuestion,
  notOfferedReason,
  questionText,
} from "./questions";
import {
  INCOMPLETE,
  type AnswerValue,
  type Answers,
  type Condition,
  type Gate,
  type PolicyRules,
} from "./types";

export type GateState = "met" | "not-met" | "missing" | "not-asked";

export const GATE_STATE_LABELS: Record<GateState, string> = {
  met: "Met",
  "not-met": "Not met",
  missing: "Missing",
  "not-asked": "Not asked",
};

export interface TraceEntry {
  /** The question the gate asks; absent for a gate that concludes without a question. */
  field?: string;
  step: number;
  title: string;
  question?: string;
  state: GateState;
  answer?: AnswerValue;
  answerLabel?: string;
  /** One sentence: why the gate is in this state. */
  reason: string;
  cites: readonly string[];
  /** A caution beside the reason; it never changes the outcome. */
  note?: string;
}

export interface IgnoredAnswer {
  field: string;
  answer: AnswerValue;
  /**
   * "not-asked": the question is not asked for this case; "decided": an earlier gate decided;
   * "not-offered": the question is asked, but this answer is not offered for the case.
   */
  why: "not-asked" | "decided" | "not-offered";
  reason: string;
}

/** The policy, its version and the rules revision an evaluation was made under. */
export interface PolicyRef {
  id: string;
  number: string;
  version: string;
  rulesRevision: number;
}

export interface Evaluation {
  policy: PolicyRef;
  determination: string;
  label: string;
  /** The gate that decided the case, or for an incomplete case the question still to answer. */
  decidedBy: {
    field?: string;
    step: number;
    title: string;
    reason: string;
    cites: readonly string[];
    note?: string;
    /** What a reviewer asks the physician before an adverse decision (the deciding rule's). */
    askFirst?: string;
  };
  nextQuestion: string | null;
  /** The questions asked for this case, in order, up to the one that decided it. */
  asked: string[];
  trace: TraceEntry[];
  ignored: IgnoredAnswer[];
}

interface Compiled {
  ref: PolicyRef;
  labels: Map<string, string>;
  notAsked: Map<Gate, string>;
}

const COMPILED = new WeakMap<PolicyRules, Compiled>();

/** When a gate applies: its question's "asked when", or a conclusion's own conditions. */
export const appliesWhen = (policy: PolicyRules, gate: Gate): readonly Condition[] =>
  gate.field === undefined ? gate.appliesWhen : getQuestion(policy, gate.field).askedWhen;

export function describeConditions(policy: PolicyRules, conditions: readonly Condition[]): string {
  return conditions
    .map((c) => {
      const question = getQuestion(policy, c.field);
      if ("in" in c)
        return `${question.subject} is ${c.as ?? c.in.map((v) => answerLabel(question, v)).join(" or ")}`;
      return "below" in c
        ? `${question.subject} is below ${c.below}`
        : `${question.subject} is at least ${c.atLeast}`;
    })
    .join(" and ");
}

function compile(policy: PolicyRules): Compiled {
  let compiled = COMPILED.get(policy);
  if (compiled) return compiled;
  compiled = {
    ref: {
      id: policy.id,
      number: policy.meta.number,
      version: policy.version,
      rulesRevision: policy.rulesRevision,
    },
    labels: new Map(policy.determinations.map((d) => [d.value, d.label])),
    notAsked: new Map(
      policy.gates.map((g) => {
        const when = describeConditions(policy, appliesWhen(policy, g));
        return [
          g,
          g.field
            ? `Not asked for this case: asked only when ${when}.`
            : `Does not apply to this case: applies only when ${when}.`,
        ];
      }),
    ),
  };
  COMPILED.set(policy, compiled);
  return compiled;
}

/**
 * Reads one case as the policy's contract says: gates in order, the first that decides decides,
 * a missing answer makes the case incomplete. Pure and total for every input that passed the
 * policy's answers schema.
 */
export function evaluate(policy: PolicyRules, answers: Answers): Evaluation {
  const { ref, labels, notAsked } = compile(policy);
  // Answers to questions that are asked for this case; "asked when" reads only these.
  const relevant: Answers = {};
  const trace: TraceEntry[] = [];
  const ignored: IgnoredAnswer[] = [];
  const asked: string[] = [];
  let stop: { entry: TraceEntry; determination: string; askFirst?: string } | undefined;

  for (const gate of policy.gates) {
    const field = gate.field;
    const question = field === undefined ? undefined : getQuestion(policy, field);
    const given = field === undefined ? undefined : answers[field];
    // An answer whose option is not offered for this case counts as not given (rules read it so).
    const notOffered =
      question && given !== undefined ? notOfferedReason(question, given, relevant) : undefined;
    const answer = notOffered === undefined ? given : undefined;
    // One object shape for every entry: spreading entries of varying shapes is slow in V8.
    const traceEntry = (
      state: GateState,
      reason: string,
      cites: readonly string[],
      note?: string,
    ): TraceEntry => ({
      field,
      step: gate.step,
      title: gate.title,
      question: question && questionText(question, relevant),
      state,
      answer,
      answerLabel: answer === undefined ? undefined : answerLabel(question!, answer),
      reason,
      cites,
      note,
    });

    if (!allHold(appliesWhen(policy, gate), relevant)) {
      const reason = notAsked.get(gate)!;
      trace.push(traceEntry("not-asked", reason, []));
      if (field !== undefined && given !== undefined)
        ignored.push({ field, answer: given, why: "not-asked", reason });
      continue;
    }

    if (stop) {
      if (field !== undefined && answer !== undefined) relevant[field] = answer;
      const decided = stop.determination !== INCOMPLETE;
      const reason = decided
        ? `Not needed: the case was decided at ${gateName(stop.entry)}.`
        : `Waits for an earlier answer: “${stop.entry.question}”`;
      trace.push(traceEntry("not-asked", reason, []));
      if (field !== undefined && given !== undefined && decided)
        ignored.push({ field, answer: given, why: "decided", reason });
      continue;
    }

    if (question) {
      asked.push(question.field);
      if (answer === undefined) {
        const entry = traceEntry(
          "missing",
          notOffered ?? `Not answered yet: “${questionText(question, relevant)}”`,
          citationsFor(question, undefined, relevant),
        );
        trace.push(entry);
        if (notOffered !== undefined)
          ignored.push({
            field: question.field,
            answer: given!,
            why: "not-offered",
            reason: notOffered,
          });
        stop = { entry, determination: INCOMPLETE };
        continue;
      }
      relevant[question.field] = answer;
    }

    const rule = gate.rules.find((r) => allHold(r.when, relevant));
    if (!rule) throw new Error(`Gate ${gate.step} (${gate.title}) has no rule for this case`);
    const entry = traceEntry(rule.state, rule.reason, rule.cites, rule.note);
    trace.push(entry);
    if (rule.determination)
      stop = { entry, determination: rule.determination, askFirst: rule.askFirst };
  }

  if (!stop) throw new Error("The gates ended without a determination");
  const { entry, determination, askFirst } = stop;
  return {
    policy: ref,
    determination,
    label: labels.get(determination) ?? determination,
    decidedBy: {
      field: entry.field,
      step: entry.step,
      title: entry.title,
      reason: entry.reason,
      cites: entry.cites,
      note: entry.note,
      askFirst,
    },
    nextQuestion: determination === INCOMPLETE ? entry.field! : null,
    asked,
    trace,
    ignored,
  };
}

/** The answers' evaluation where a case must be decided: complete, or the question it waits for. */
export type DecidingEvaluation =
  | { ok: true; evaluation: Evaluation }
  | { ok: false; evaluation: Evaluation; next: { field: string; reason: string } };

/**
 * Evaluates answers that must decide the case (a submission, a correction, the form before it
 * is sent): an incomplete one names the question still to answer, and why (not answered yet, or
 * its answer is not offered for the case).
 */
export function evaluateToDecide(policy: PolicyRules, answers: Answers): DecidingEvaluation {
  const evaluation = evaluate(policy, answers);
  return evaluation.determination === INCOMPLETE
    ? {
        ok: false,
        evaluation,
        next: { field: evaluation.nextQuestion!, reason: evaluation.decidedBy.reason },
      }
    : { ok: true, evaluation };
}

export type AskedEntry = TraceEntry & { field: string };

/** The trace entries of the questions asked for the case, in the order they were asked. */
export function askedEntries(evaluation: Pick<Evaluation, "trace" | "asked">): AskedEntry[] {
  return evaluation.trace.filter(
    (t): t is AskedEntry => t.field !== undefined && evaluation.asked.includes(t.field),
  );
}

/** The answers that counted for the case, read back from its trace. */
export function countedAnswers(evaluation: Pick<Evaluation, "trace">): Answers {
  const counted: Answers = {};
  for (const t of evaluation.trace)
    if (t.field !== undefined && t.answer !== undefined && t.state !== "not-asked")
      counted[t.field] = t.answer;
  return counted;
}

/** The label of a determination in this policy (a stored value this policy lacks reads as is). */
export function determinationLabel(policy: PolicyRules, value: string): string {
  return compile(policy).labels.get(value) ?? value;
}
