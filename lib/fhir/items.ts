import { QUESTIONS, type ChoiceQuestion, type Question } from "@/lib/policy/questions";

/** A yes/no question: a FHIR `boolean` item, answered with valueBoolean. */
export const isYesNo = (question: Question): boolean =>
  question.kind === "choice" && question.options.every((o) => typeof o.value === "boolean");

/** The questions answered with a Coding from one of this policy's CodeSystems. */
export const CODED_QUESTIONS = QUESTIONS.filter(
  (q): q is ChoiceQuestion => q.kind === "choice" && !isYesNo(q),
);
