import type { PolicyRules } from "@/lib/policy/engine/types";
import type { HistoryEntry } from "./case-history";
import { fileSize } from "./file-size";
import { DECISION_LABELS, RETROSPECTIVE_FLAG, personText, utc } from "./labels";
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

/** "Denied (not certified) · X12 278 code A3 · 2026-11-27 09:00 UTC · Reviewer One (reviewer)". */
export function historyTitle(entry: HistoryEntry): string {
  const what =
    entry.kind === "decision"
      ? `${DECISION_LABELS[entry.action]} · X12 278 code ${entry.reviewActionCode}`
      : EVENT_LABELS[entry.kind];
  return `${what} · ${utc(entry.at)} · ${personText(entry.actor)}`;
}

/** What an entry says besides its text: the criteria asked about, a due time moved, a reading changed. */
export function historyNotes(entry: HistoryEntry, policy: PolicyRules): string[] {
  if (entry.kind === "decision")
    return entry.criteria.length
      ? [`Criteria that need documentation: ${entry.criteria.join("; ")}.`]
      : [];
  const notes: string[] = [];
  const { detail } = entry;
  if (entry.kind === "extended" && detail.from && detail.to)
    notes.push(`Due ${utc(detail.from)} → ${utc(detail.to)} (${detail.days} days).`);
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
  return entries.map((entry) => ({
    title: historyTitle(entry),
    lines: [
      ...historyNotes(entry, policy),
      historyText(entry),
      ...(entry.kind === "decision"
        ? []
        : entry.attachments.map((f) => `Attached: ${f.name} (${fileSize(f.size)})`)),
    ],
  }));
}
