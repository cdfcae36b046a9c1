import type { AnswerOption, AnswerValue, PolicyRules, Question } from "./types";

const BY_FIELD = new WeakMap<readonly Question[], Map<string, Question>>();

/** The policy's question for a field (the field must be the policy's). */
export function getQuestion(policy: Pick<PolicyRules, "questions">, field: string): Question {
  let byField = BY_FIELD.get(policy.questions);
  if (!byField) {
    byField = new Map(policy.questions.map((q) => [q.field, q]));
    BY_FIELD.set(policy.questions, byField);
  }
  const question = byField.get(field);
  if (!question) throw new Error(`No question ${field} in this policy`);
  return question;
}

export function optionFor(question: Question, value: AnswerValue): AnswerOption | undefined {
  return question.kind === "choice" ? question.options.find((o) => o.value === value) : undefined;
}

/** A yes/no question: its options are true and false. */
export const isYesNo = (question: Question): boolean =>
  question.kind === "choice" && question.options.every((o) => typeof o.value === "boolean");

/** How an answer reads to a person: the option label, or the number with its unit. */
export function answerLabel(question: Question, value: AnswerValue): string {
  if (question.kind === "number") return `${value}${question.unit}`;
  return optionFor(question, value)?.label ?? String(value);
}

/** The passages behind a question and, when answered, behind the chosen option. */
export function citationsFor(question: Question, value: AnswerValue | undefined): string[] {
  const option = value === undefined ? undefined : optionFor(question, value);
  return [...new Set([...question.cites, ...(option?.cites ?? [])])];
}

/** Every passage the questions and their options cite, in order of first citation. */
export function citedPassageIds(policy: Pick<PolicyRules, "questions">): string[] {
  return [
    ...new Set(
      policy.questions.flatMap((q) => [
        ...q.cites,
        ...(q.kind === "choice" ? q.options.flatMap((o) => o.cites) : []),
      ]),
    ),
  ];
}
