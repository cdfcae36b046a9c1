import { determinationLabel } from "@/lib/policy/engine/evaluate";
import type { HistoryEntry } from "./case-history";
import type { AnswerValue, Answers, PolicyRules, Question } from "@/lib/policy/engine/types";

// A correction's two readings and what changed between them, worded once for the physician's
// page, the reviewer's page and the PDF.

/** A request never corrected: the reading the server made of its answers at submission. */
export const READING_AT_SUBMISSION = "Reading at submission";
/** The reading before a correction changed the answers. */
export const READING_BEFORE = "Reading before the correction";
/** The reading of the answers as corrected. */
export const READING_AFTER = "Reading with the corrected answers";

export interface AnswerChange {
  /** "DLI indication" */
  label: string;
  from: string;
  to: string;
}

/** "the DLI indication" → "DLI indication". */
const named = (question: Question) => {
  const subject = question.subject.replace(/^the /, "");
  return subject.charAt(0).toUpperCase() + subject.slice(1);
};

/** An answer as the questionnaire offered it: the option's label, a number with its unit. */
export function answerText(question: Question | undefined, value: AnswerValue | undefined) {
  if (value === undefined) return "not answered";
  if (!question) return String(value);
  if (question.kind === "number") return `${value} ${question.unit}`;
  return question.options.find((o) => o.value === value)?.label ?? String(value);
}

/** Each answer a correction changed, in the questionnaire's order: "DLI indication: A → B". */
export function answerChanges(
  policy: Pick<PolicyRules, "questions">,
  before: Answers,
  after: Answers,
): AnswerChange[] {
  return policy.questions
    .filter((q) => before[q.field] !== after[q.field])
    .map((q) => ({
      label: named(q),
      from: answerText(q, before[q.field]),
      to: answerText(q, after[q.field]),
    }));
}

export const changeText = (c: AnswerChange) => `${c.label}: ${c.from} → ${c.to}`;

/** A correction in sentences: what changed, then both readings, each with its label. */
export function correctionNotes(
  policy: PolicyRules,
  detail: {
    before?: { answers?: Answers; determination: string };
    after?: { answers?: Answers; determination: string };
  },
): string[] {
  if (!detail.before || !detail.after) return [];
  const changes =
    detail.before.answers && detail.after.answers
      ? answerChanges(policy, detail.before.answers, detail.after.answers)
      : [];
  return [
    ...(changes.length ? [`Corrected answers: ${changes.map(changeText).join("; ")}.`] : []),
    `${READING_BEFORE}: ${determinationLabel(policy, detail.before.determination)}. ${READING_AFTER}: ${determinationLabel(policy, detail.after.determination)}.`,
  ];
}

/** The reading before the first correction (the one made at submission), if any was corrected. */
function firstReading(entries: readonly HistoryEntry[]) {
  for (const e of entries)
    if (e.kind !== "decision" && e.detail.corrected && e.detail.before) return e.detail.before;
  return undefined;
}

/** The reading a request is decided on, as its pages and its PDF title it. */
export interface DecidedReading {
  /** At submission, or with the corrected answers. */
  heading: string;
  /** When the answers were corrected: "Reading before the correction: Medically necessary." */
  before?: string;
}

/**
 * The reading the request's stored determination is: the one made at submission, or, once a
 * correction changed the answers, the corrected answers' with the reading before it named.
 */
export function decidedReading(
  policy: PolicyRules,
  entries: readonly HistoryEntry[],
): DecidedReading {
  const before = firstReading(entries);
  return before
    ? {
        heading: READING_AFTER,
        before: `${READING_BEFORE}: ${determinationLabel(policy, before.determination)}.`,
      }
    : { heading: READING_AT_SUBMISSION };
}
