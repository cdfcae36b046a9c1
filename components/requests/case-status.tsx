import type { HistoryEntry } from "@/lib/requests/case-history";
import { dueText } from "@/lib/requests/labels";
import { STATE_LABELS, type RequestState } from "@/lib/requests/state-machine";

const WAITING: Record<RequestState, string> = {
  pending: "Waiting for a reviewer's decision.",
  "more-information": "Waiting for the physician's reply. The decision clock keeps running.",
  "information-received": "The physician replied: waiting for a reviewer's decision.",
  appealed: "Appealed: waiting for a reviewer other than the one who denied.",
  approved: "Decided.",
  denied: "Decided. The physician may appeal within 180 days of the denial.",
  withdrawn: "Withdrawn by the physician; no decision will be made.",
  "appeal-upheld": "Decided on appeal.",
  "appeal-overturned": "Decided on appeal.",
};

/** Where the request stands, when it is due, and what the reviewer asked if it is pended. */
export function CaseStatus({
  request,
  entries,
}: {
  request: {
    status: RequestState;
    dueAt: string;
    extendedAt: string | null;
    extensionReason: string | null;
  };
  entries: readonly HistoryEntry[];
}) {
  const asked =
    request.status === "more-information"
      ? entries.findLast((e) => e.kind === "decision" && e.action === "request-information")
      : undefined;
  return (
    <section
      aria-labelledby="status-heading"
      className="mt-4 rounded border-l-4 border-blue-800 bg-blue-50 p-3"
    >
      <h2 id="status-heading" className="text-lg font-semibold">
        {STATE_LABELS[request.status]}
      </h2>
      <p className="mt-1">{WAITING[request.status]}</p>
      <p className="mt-1 text-sm">
        {request.status === "appealed" ? "Appeal decision due" : "Decision due"}: {dueText(request)}
      </p>
      {asked?.kind === "decision" ? (
        <div className="mt-2">
          <p className="font-medium">
            The reviewer asks about: {asked.criteria.join("; ") || "the case"}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{asked.rationale}</p>
        </div>
      ) : null}
    </section>
  );
}
