import { plainText } from "./passages";
import type { Policy } from "./types";

/** A policy version as data, for an integration that renders the same questions and rules. */
export function describePolicy(policy: Policy) {
  return {
    policy: {
      ...policy.meta,
      version: policy.version,
      effectiveDate: policy.effectiveDate,
      nextReviewDate: policy.nextReviewDate,
    },
    rulesRevision: policy.rulesRevision,
    determinations: policy.determinations.map(({ value, label }) => ({ value, label })),
    determinationNote: policy.determinationNote,
    questions: policy.questions,
    gates: policy.gates,
    passages: policy.passages.map((p) => ({ ...p, text: plainText(p) })),
  };
}
