import type { PolicyRules } from "@/lib/policy/engine/types";
import type { HistoryEntry } from "@/lib/requests/case-history";
import { historyNotes, historyText, historyTitle } from "@/lib/requests/history-text";
import { AttachmentList } from "./attachment-list";

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
          <p className="font-semibold">{historyTitle(entry)}</p>
          {historyNotes(entry, policy).map((note) => (
            <p key={note} className="mt-1 text-sm font-medium">
              {note}
            </p>
          ))}
          <p className="mt-1 whitespace-pre-wrap">{historyText(entry)}</p>
          {entry.kind !== "decision" ? (
            <AttachmentList reference={reference} files={entry.attachments} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
