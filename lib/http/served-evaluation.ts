import "server-only";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type { PolicyRules } from "@/lib/policy/engine/types";

/** The lines every determination is shown with, as an API client must show them too. */
export function determinationLines(
  policy: Pick<PolicyRules, "determinationNote" | "nextReviewDate">,
  today = new Date(),
) {
  return {
    /** rules-0261.md r3: the line beneath every determination. */
    determinationNote: policy.determinationNote,
    /** The overdue-review sentence while the policy's next review date lies in the past, else null. */
    reviewOverdueNotice: reviewOverdueNotice(policy, today),
  };
}

/**
 * An evaluation as an HTTP response carries it: the engine's result (pure, clock-free, stored as
 * is) with the lines added as it is served.
 */
export const servedEvaluation = (
  policy: PolicyRules,
  evaluation: Evaluation,
  today = new Date(),
) => ({
  ...evaluation,
  ...determinationLines(policy, today),
});
