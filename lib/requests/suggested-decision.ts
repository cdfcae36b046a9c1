import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { gateName } from "@/lib/policy/engine/gate-name";
import { getQuestion } from "@/lib/policy/engine/questions";
import { INCOMPLETE, type Policy } from "@/lib/policy/engine/types";
import type { DecisionChoice } from "@/lib/validations/decision";
import { denialRationale } from "./denial-rationale";

export interface DecisionSuggestion {
  /** The decision checked when the form opens, if the reading points to one. */
  action?: DecisionChoice;
  /** The rationale a decision starts from when the reviewer picks it. */
  rationales: Partial<Record<DecisionChoice, string>>;
  /** For a request for more information: the criterion (gate title) checked when it opens. */
  criterion?: string;
}

/**
 * Where the reviewer's decision form starts, from the server's reading of the case. A case the
 * policy refers elsewhere, or one today's rules cannot finish, starts as "request more
 * information" and offers no prefilled denial: the policy's silence is never turned into one.
 */
export function suggestedDecision(policy: Policy, now: Evaluation): DecisionSuggestion {
  const { meta } = policy;
  const { title, reason } = now.decidedBy;
  const where =
    `${meta.documentType} ${meta.number} (version ${now.policy.version}, ` +
    `rules revision ${now.policy.rulesRevision}), ${gateName(now.decidedBy)}: ${reason}`;
  const tone = policy.determinations.find((d) => d.value === now.determination)?.tone;
  if (tone === "refer")
    return {
      action: "request-information",
      criterion: title,
      rationales: {
        "request-information":
          `Outside ${where} Referred to a medical director. Please send this request under the ` +
          "policy that applies to it, or tell us why this policy applies.",
      },
    };
  // The rule says a wrong answer is likelier than an uncovered service: ask before any denial.
  if (now.decidedBy.askFirst)
    return {
      action: "request-information",
      criterion: title,
      rationales: { "request-information": now.decidedBy.askFirst },
    };
  if (now.determination === INCOMPLETE && now.nextQuestion) {
    const question =
      now.trace.find((t) => t.field === now.nextQuestion)?.question ??
      getQuestion(policy, now.nextQuestion).text;
    // An answer given but not offered for the case (r3): say why it does not count.
    const notOffered = now.ignored.find(
      (i) => i.field === now.nextQuestion && i.why === "not-offered",
    );
    return {
      action: "request-information",
      criterion: title,
      rationales: {
        "request-information": `Please answer: “${question}” (${meta.documentType} ${meta.number}: ${gateName(now.decidedBy)}).${notOffered ? ` ${notOffered.reason}` : ""}`,
      },
    };
  }
  // A denial, or a reviewer's recommended one, starts from the criterion and the policy's own
  // sentence in plain words (lib/requests/denial-rationale.ts).
  const denial = denialRationale(policy, now);
  return { rationales: { deny: denial, "recommend-denial": denial } };
}
