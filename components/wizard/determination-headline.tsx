import { DETERMINATION_NOTE } from "@/lib/policy/determinations";
import type { Evaluation } from "@/lib/policy/evaluate";
import { reviewOverdueNotice } from "@/lib/policy/policy-meta";
import { DETERMINATION_STYLE } from "./determination-style";

/** The determination, in its own colour, with the line every determination carries beneath it. */
export function DeterminationHeadline({
  evaluation,
}: {
  evaluation: Pick<Evaluation, "determination" | "label">;
}) {
  return (
    <>
      <p
        className={`mt-2 rounded border-l-4 px-3 py-2 font-semibold ${DETERMINATION_STYLE[evaluation.determination]}`}
      >
        {evaluation.label}
      </p>
      <p className="mt-1 text-sm text-slate-700">{DETERMINATION_NOTE}</p>
    </>
  );
}

/** Said beside a determination while the policy's next review date lies in the past. */
export function ReviewOverdueNotice() {
  const notice = reviewOverdueNotice();
  return notice ? (
    <p className="mt-2 rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm text-amber-900">
      {notice}
    </p>
  ) : null;
}
