import { TimedText } from "@/components/ui/timed-text";
import type { HistoryEntry } from "@/lib/requests/case-history";
import { STATUS_TONES, dueText, personText, type StatusTone } from "@/lib/requests/labels";
import {
  APPEAL_WINDOW_DAYS,
  STATE_LABELS,
  type RequestState,
} from "@/lib/request-model/state-machine";

const WAITING: Record<RequestState, string> = {
  pending: "Waiting for a reviewer's decision.",
  "more-information": "Waiting for the physician's reply. The decision clock keeps running.",
  "information-received": "The physician replied: waiting for a reviewer's decision.",
  "awaiting-medical-director": "Under review by a medical director.",
  appealed: "Appealed: waiting for a medical director other than the one who denied.",
  approved: "Approved: the service is authorized as set out below.",
  denied: `Denied. The physician may appeal within ${APPEAL_WINDOW_DAYS} days of the denial.`,
  withdrawn: "Withdrawn by the physician; no decision will be made.",
  "appeal-upheld": "Decided on appeal: the denial stands.",
  "appeal-overturned":
    "Decided on appeal: the denial was overturned and the service is authorized.",
};

/** The box's colours by what the status means: waiting, action needed, approved, denied, closed. */
const TONE_STYLE: Record<StatusTone, string> = {
  waiting: "border-blue-800 bg-blue-50 text-slate-900",
  action: "border-amber-700 bg-amber-50 text-slate-900",
  approved: "border-green-800 bg-green-50 text-green-950",
  denied: "border-red-800 bg-red-50 text-red-950",
  closed: "border-slate-600 bg-slate-100 text-slate-900",
};

/** Where the request stands, when it is due, and what the reviewer asked if it is pended. */
export function CaseStatus({
  request,
  entries,
  recommended,
}: {
  request: {
    status: RequestState;
    dueAt: string;
    extendedAt: string | null;
    extensionReason: string | null;
  };
  entries: readonly HistoryEntry[];
  /** For the medical director: the reviewer's drafted denial (the physician's view never has it). */
  recommended?: Exclude<HistoryEntry, { kind: "decision" }>;
}) {
  const asked =
    request.status === "more-information"
      ? entries.findLast((e) => e.kind === "decision" && e.action === "request-information")
      : undefined;
  return (
    <section
      aria-labelledby="status-heading"
      className={`mt-4 rounded border-l-4 p-3 ${TONE_STYLE[STATUS_TONES[request.status]]}`}
    >
      <h2 id="status-heading" className="text-lg font-semibold">
        {STATE_LABELS[request.status]}
      </h2>
      <p className="mt-1">{WAITING[request.status]}</p>
      <p className="mt-1 text-sm">
        {request.status === "appealed" ? "Appeal decision due" : "Decision due"}:{" "}
        <TimedText value={dueText(request)} />
      </p>
      {asked?.kind === "decision" ? (
        <div className="mt-2">
          <p className="font-medium">
            The reviewer asks about: {asked.criteria.join("; ") || "the case"}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{asked.rationale}</p>
        </div>
      ) : null}
      {recommended ? (
        <div className="mt-2">
          <p className="font-medium">{personText(recommended.actor)} recommends a denial:</p>
          <p className="mt-1 whitespace-pre-wrap">{recommended.body}</p>
        </div>
      ) : null}
    </section>
  );
}
