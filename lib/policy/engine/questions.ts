import { allHold, mayHold } from "./conditions";
import type {
  AnswerOption,
  AnswerValue,
  Answers,
  CaseCites,
  CaseText,
  PolicyRules,
  Question,
} from "./types";

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

/** The texts of `variants` whose conditions hold on the answers. */
const holding = (variants: readonly CaseText[] | undefined, answers: Answers) =>
  (variants ?? []).filter((v) => allHold(v.when, answers)).map((v) => v.text);

/** The question as this case asks it: its wording for the case, else its one wording. */
export const questionText = (question: Question, answers: Answers): string =>
  holding(question.textFor, answers)[0] ?? question.text;

/** The question's help for this case: its own, then what applies to the case. */
export const questionHelp = (question: Question, answers: Answers): string[] => [
  ...(question.help ? [question.help] : []),
  ...holding(question.helpFor, answers),
];

/** An option's help for this case: its own, then what applies to the case. */
export const optionHelp = (option: AnswerOption, answers: Answers): string[] => [
  ...(option.help ? [option.help] : []),
  ...holding(option.helpFor, answers),
];

/** Whether the option is offered for this case (on the answers asked before its question). */
export const isOffered = (option: AnswerOption, answers: Answers): boolean =>
  !option.offered || allHold(option.offered.when, answers);

/** Why an answer does not count for this case, when its option is not offered; else undefined. */
export function notOfferedReason(
  question: Question,
  value: AnswerValue,
  answers: Answers,
): string | undefined {
  const option = optionFor(question, value);
  return option && !isOffered(option, answers) ? option.offered!.otherwise : undefined;
}

/** A yes/no question: its options are true and false. */
export const isYesNo = (question: Question): boolean =>
  question.kind === "choice" && question.options.every((o) => typeof o.value === "boolean");

/** How an answer reads to a person: the option label, or the number with its unit. */
export function answerLabel(question: Question, value: AnswerValue): string {
  if (question.kind === "number") return `${value}${question.unit}`;
  return optionFor(question, value)?.label ?? String(value);
}

/**
 * The passages behind a question for this case and, when answered, behind the chosen option: the
 * one home of "which passages does this question show", read by the wizard, the trace, the request
 * pages and the PDF. A passage of one case only (one service's) is left out once the answers rule
 * that case out, and kept while they do not say yet.
 */
export function citationsFor(
  question: Question,
  value: AnswerValue | undefined,
  answers: Answers,
): string[] {
  const option = value === undefined ? undefined : optionFor(question, value);
  const shown = (variants: readonly CaseText[] | undefined) =>
    (variants ?? []).filter((v) => allHold(v.when, answers)).flatMap((v) => v.cites ?? []);
  const ofCase = (variants: readonly CaseCites[] | undefined) =>
    (variants ?? []).filter((v) => mayHold(v.when, answers)).flatMap((v) => v.cites);
  return [
    ...new Set([
      ...ofCase(question.citesFor),
      ...question.cites,
      ...shown(question.textFor),
      ...shown(question.helpFor),
      ...ofCase(option?.citesFor),
      ...(option?.cites ?? []),
      ...shown(option?.helpFor),
    ]),
  ];
}

const casesCites = (variants: readonly { cites?: readonly string[] }[] | undefined) =>
  (variants ?? []).flatMap((v) => v.cites ?? []);

/** Every passage an option cites in any case: its own and its cases'. */
export const allCitesOfOption = (option: AnswerOption): string[] => [
  ...new Set([...casesCites(option.citesFor), ...option.cites, ...casesCites(option.helpFor)]),
];

/** Every passage a question cites in any case, through itself, its wordings or its options. */
export function allCitesOf(question: Question): string[] {
  const options = question.kind === "choice" ? question.options : [];
  return [
    ...new Set([
      ...casesCites(question.citesFor),
      ...question.cites,
      ...casesCites(question.textFor),
      ...casesCites(question.helpFor),
      ...options.flatMap(allCitesOfOption),
    ]),
  ];
}

/** Every passage the questions and their options cite, in order of first citation. */
export function citedPassageIds(policy: Pick<PolicyRules, "questions">): string[] {
  return [...new Set(policy.questions.flatMap(allCitesOf))];
}
