import type { PolicyRules } from "@/lib/policy/engine/types";
import type { HistoryEntry } from "@/lib/requests/case-history";
import { TimedText } from "@/components/ui/timed-text";
import { historyCode, historyNotes, historyText, historyTitle } from "@/lib/requests/history-text";
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
      {entries.map((entry, i) => {
        const code = historyCode(entry);
        return (
          <li key={i} className="rounded border border-slate-300 p-3">
            <p className="font-semibold">
              <TimedText value={historyTitle(entry)} />
            </p>
            {historyNotes(entry, policy).map((note, n) => (
              <p key={n} className="mt-1 text-sm font-medium">
                <TimedText value={note} />
              </p>
            ))}
            <p className="mt-1 whitespace-pre-wrap">{historyText(entry)}</p>
            {code ? (
              <details className="mt-1 text-xs text-slate-700">
                <summary className="cursor-pointer">For integrators</summary>
                <p className="mt-1">{code}</p>
              </details>
            ) : null}
            {entry.kind !== "decision" ? (
              <AttachmentList reference={reference} files={entry.attachments} />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
