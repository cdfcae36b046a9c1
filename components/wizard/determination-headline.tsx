import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { determinationStyle } from "./determination-style";

/** The determination, in its own colour, with the line every determination carries beneath it. */
export function DeterminationHeadline({
  policy,
  evaluation,
}: {
  policy: Pick<PolicyRules, "determinations" | "determinationNote">;
  evaluation: Pick<Evaluation, "determination" | "label">;
}) {
  return (
    <>
      <DeterminationLabel policy={policy} evaluation={evaluation} />
      <DeterminationNote policy={policy} />
    </>
  );
}

export function DeterminationLabel({
  policy,
  evaluation,
}: {
  policy: Pick<PolicyRules, "determinations">;
  evaluation: Pick<Evaluation, "determination" | "label">;
}) {
  return (
    <p
      className={`mt-2 rounded border-l-4 px-3 py-2 font-semibold ${determinationStyle(policy, evaluation.determination)}`}
    >
      {evaluation.label}
    </p>
  );
}

export function DeterminationNote({ policy }: { policy: Pick<PolicyRules, "determinationNote"> }) {
  return <p className="mt-1 text-sm text-slate-700">{policy.determinationNote}</p>;
}

/** Said beside a determination while the policy's next review date lies in the past. */
export function ReviewOverdueNotice({ policy }: { policy: Pick<PolicyRules, "nextReviewDate"> }) {
  const notice = reviewOverdueNotice(policy);
  return notice ? (
    <p className="mt-2 rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm text-amber-900">
      {notice}
    </p>
  ) : null;
}
