import type { PolicyRules } from "@/lib/policy/engine/types";
import type { HistoryEntry } from "./case-history";
import { fileSize } from "./file-size";
import { DECISION_LABELS, RETROSPECTIVE_FLAG, personText, timedText, type Timed } from "./labels";
import { PEND_DOCUMENTS } from "@/lib/request-model/pend-documents";
import { correctionNotes } from "./readings";

const EVENT_LABELS = {
  reply: "Information sent by the physician",
  withdrawn: "Withdrawn by the physician",
  extended: "Due time extended",
  appealed: "Appealed by the physician",
  "appeal-upheld": "Appeal decided: denial upheld",
  "appeal-overturned": "Appeal decided: denial overturned, approved",
  "denial-recommended": "Referred to a medical director",
} as const;

/** What the reviewer asked the EHR to send, in the form's words. */
const documentLabel = (code: string) =>
  PEND_DOCUMENTS.find((d) => d.code === code)?.label ?? `LOINC ${code}`;

/** "Denied (not certified) · 27 Nov 2026, 09:00 · Reviewer One (reviewer)", in plain words. */
export function historyTitle(entry: HistoryEntry): Timed {
  const what =
    entry.kind === "decision"
      ? DECISION_LABELS[entry.action]
      : entry.kind === "reply" && entry.actor.role === "EHR client via PAS"
        ? "Information sent by the physician's EHR"
        : EVENT_LABELS[entry.kind];
  return [`${what} · `, { at: entry.at }, ` · ${personText(entry.actor)}`];
}

/** For integrators, never a heading: a decision's X12 278 review action code ("A3"). */
export const historyCode = (entry: HistoryEntry) =>
  entry.kind === "decision" ? `X12 278 review action code ${entry.reviewActionCode}` : undefined;

/** What an entry says besides its text: the criteria asked about, a due time moved, a reading changed. */
export function historyNotes(entry: HistoryEntry, policy: PolicyRules): Timed[] {
  if (entry.kind === "decision") {
    if (entry.documents.length)
      return [
        `Asked of the EHR: ${entry.criteria
          .map((c, i) => `${documentLabel(entry.documents[i] ?? "")} for “${c}”`)
          .join("; ")}.`,
      ];
    return entry.criteria.length
      ? [`Criteria that need documentation: ${entry.criteria.join("; ")}.`]
      : [];
  }
  const notes: Timed[] = [];
  const { detail } = entry;
  if (entry.kind === "extended" && detail.from && detail.to)
    notes.push(["Due ", { at: detail.from }, " → ", { at: detail.to }, ` (${detail.days} days).`]);
  if (detail.serviceDate)
    notes.push(
      `Planned date of service corrected: ${detail.serviceDate.from} → ${detail.serviceDate.to}${detail.serviceDate.retrospective ? ` (${RETROSPECTIVE_FLAG})` : ""}.`,
    );
  if (detail.expedited) notes.push("Expedited appeal: to be decided within 72 hours.");
  if (detail.corrected) notes.push(...correctionNotes(policy, detail));
  return notes;
}

/** The entry's text: the rationale of a decision, the words of a message. */
export const historyText = (entry: HistoryEntry) =>
  entry.kind === "decision" ? entry.rationale : entry.body;

/** The entries as the PDF prints them. */
export function printableHistory(entries: readonly HistoryEntry[], policy: PolicyRules) {
  return entries.map((entry) => {
    const code = historyCode(entry);
    return {
      title: timedText(historyTitle(entry)),
      lines: [
        ...historyNotes(entry, policy).map(timedText),
        historyText(entry),
        ...(entry.kind === "decision"
          ? []
          : entry.attachments.map((f) => `Attached: ${f.name} (${fileSize(f.size)})`)),
        ...(code ? [`For integrators: ${code}.`] : []),
      ],
    };
  });
}
