import type { PolicyRules } from "@/lib/policy/engine/types";
import { determinationLabel } from "@/lib/policy/engine/evaluate";
import type { HistoryEntry } from "@/lib/requests/case-history";
import { DECISION_LABELS, utc } from "@/lib/requests/labels";
import { AttachmentList } from "./attachment-list";

const EVENT_LABELS = {
  reply: "Information sent by the physician",
  withdrawn: "Withdrawn by the physician",
  extended: "Due time extended",
  appealed: "Appealed by the physician",
  "appeal-upheld": "Appeal decided: denial upheld",
  "appeal-overturned": "Appeal decided: denial overturned, approved",
} as const;

/** Every decision and message of a request, oldest first, with who sent it and its files. */
export function CaseHistoryList({
  reference,
  policy,
  entries,
}: {
  reference: string;
  policy: PolicyRules;
  entries: readonly HistoryEntry[];
}) {
  if (entries.length === 0) return <p className="mt-2">Not decided yet.</p>;
  return (
    <ol className="mt-2 space-y-3">
      {entries.map((entry, i) => (
        <li key={i} className="rounded border border-slate-300 p-3">
          <p className="font-semibold">
            {entry.kind === "decision"
              ? `${DECISION_LABELS[entry.action]} · X12 278 code ${entry.reviewActionCode}`
              : EVENT_LABELS[entry.kind]}{" "}
            · {utc(entry.at)} · {entry.actor.name} ({entry.actor.role})
          </p>
          {entry.kind === "decision" && entry.criteria.length > 0 ? (
            <div className="mt-1">
              <p className="text-sm font-medium">Criteria that need documentation:</p>
              <ul className="list-disc pl-5 text-sm">
                {entry.criteria.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="mt-1 whitespace-pre-wrap">
            {entry.kind === "decision" ? entry.rationale : entry.body}
          </p>
          {entry.kind === "extended" && entry.detail.to ? (
            <p className="mt-1 text-sm">
              Due {utc(entry.detail.from!)} → {utc(entry.detail.to)} ({entry.detail.days} days)
            </p>
          ) : null}
          {entry.kind === "reply" && entry.detail.corrected ? (
            <p className="mt-1 text-sm font-medium">
              The answers were corrected: the reading went from{" "}
              {determinationLabel(policy, entry.detail.before!.determination)} to{" "}
              {determinationLabel(policy, entry.detail.after!.determination)}.
            </p>
          ) : null}
          {entry.kind !== "decision" ? (
            <AttachmentList reference={reference} files={entry.attachments} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
