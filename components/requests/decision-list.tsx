import type { DecisionAction } from "@/lib/db/schema";
import { DECISION_LABELS, utc } from "@/lib/requests/labels";

export function DecisionList({
  decisions,
}: {
  decisions: {
    action: DecisionAction;
    reviewActionCode: string;
    rationale: string;
    decidedAt: string;
  }[];
}) {
  if (decisions.length === 0) return <p className="mt-2">Not decided yet.</p>;
  return (
    <ol className="mt-2 space-y-3">
      {decisions.map((d) => (
        <li key={d.decidedAt + d.action} className="rounded border border-slate-300 p-3">
          <p className="font-semibold">
            {DECISION_LABELS[d.action]} · X12 278 code {d.reviewActionCode} · {utc(d.decidedAt)}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{d.rationale}</p>
        </li>
      ))}
    </ol>
  );
}
