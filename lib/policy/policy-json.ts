import { DETERMINATION_LABELS, DETERMINATIONS } from "./determinations";
import { GATES } from "./gates";
import { PASSAGES, plainText } from "./passages";
import { POLICY } from "./policy-meta";
import { QUESTIONS } from "./questions";

/** The questionnaire as data, for an integration that renders the same questions and rules. */
export function describePolicy() {
  return {
    policy: POLICY,
    determinations: DETERMINATIONS.map((value) => ({ value, label: DETERMINATION_LABELS[value] })),
    questions: QUESTIONS,
    gates: GATES,
    passages: PASSAGES.map((p) => ({ ...p, text: plainText(p) })),
  };
}
