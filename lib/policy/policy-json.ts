import { DETERMINATION_LABELS, DETERMINATION_NOTE, DETERMINATIONS } from "./determinations";
import { GATES } from "./gates";
import { PASSAGES, plainText } from "./passages";
import { POLICY, RULES_REVISION } from "./policy-meta";
import { QUESTIONS } from "./questions";

/** The questionnaire as data, for an integration that renders the same questions and rules. */
export function describePolicy() {
  return {
    policy: POLICY,
    rulesRevision: RULES_REVISION,
    determinations: DETERMINATIONS.map((value) => ({ value, label: DETERMINATION_LABELS[value] })),
    determinationNote: DETERMINATION_NOTE,
    questions: QUESTIONS,
    gates: GATES,
    passages: PASSAGES.map((p) => ({ ...p, text: plainText(p) })),
  };
}
