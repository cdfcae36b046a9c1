import type { DecisionAction } from "@/lib/db/schema";
import type { Evaluation } from "@/lib/policy/evaluate";
import { POLICY } from "@/lib/policy/policy-meta";
import { getQuestion } from "@/lib/policy/questions";

export interface DecisionSuggestion {
  /** The decision checked when the form opens, if the reading points to one. */
  action?: DecisionAction;
  /** The rationale a decision starts from when the reviewer picks it. */
  rationales: Partial<Record<DecisionAction, string>>;
}

/**
 * Where the reviewer's decision form starts, from the server's reading of the case. A case
 * outside the policy, or one today's rules cannot finish, starts as "request more information"
 * and offers no prefilled denial: the policy's silence is never turned into one.
 */
export function suggestedDecision(now: Evaluation): DecisionSuggestion {
  const { step, title, reason, cites } = now.decidedBy;
  const where =
    `${POLICY.documentType} ${POLICY.number} (version ${now.policy.version}, ` +
    `rules revision ${now.policy.rulesRevision}), gate ${step}, ${title}: ${reason}`;
  if (now.determination === "outside-policy")
    return {
      action: "request-information",
      rationales: {
        "request-information":
          `Outside ${where} Referred to a medical director. Please send this request under the ` +
          "applicable transplant policy, or tell us why this policy applies.",
      },
    };
  if (now.determination === "incomplete")
    return {
      action: "request-information",
      rationales: {
        "request-information": `Please answer: “${getQuestion(now.nextQuestion!).text}” (${POLICY.documentType} ${POLICY.number}, gate ${step}).`,
      },
    };
  return { rationales: { deny: `Not certified under ${where} Policy text: ${cites.join(", ")}.` } };
}
