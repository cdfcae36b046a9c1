import type { DecisionAction, RequestStatus, Urgency } from "@/lib/db/schema";
import type { RequestFields } from "@/lib/validations/request-submission";
import { STATE_LABELS, isUndecided } from "./state-machine";

export const STATUS_LABELS: Record<RequestStatus, string> = STATE_LABELS;

export const URGENCY_LABELS: Record<Urgency, string> = {
  standard: "Standard (7 days)",
  expedited: "Expedited (72 hours)",
};

/** "2026-11-26 10:00 UTC": every time in the workspace is shown in UTC, as stored. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** "2 d 5 h left" or "overdue by 3 h". */
export function timeLeft(dueAt: string, now = new Date()): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const text = hours >= 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${hours} h`;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}

export const DECISION_LABELS: Record<DecisionAction, string> = {
  approve: "Approved (certified)",
  deny: "Denied (not certified)",
  "request-information": "More information requested (pended)",
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "request.submitted": "Submitted",
  "request.viewed": "Viewed by a reviewer",
  "request.exported": "Exported",
  "request.decided": "Decided",
  "request.replied": "Replied with information",
  "request.withdrawn": "Withdrawn",
  "request.extended": "Due time extended",
  "request.appealed": "Appealed",
  "request.appeal-decided": "Appeal decided",
  "request.attachment-downloaded": "Attachment downloaded",
};

export type RequestDetails = Omit<RequestFields, "clinicalNotes"> & {
  submittedAt: string;
  dueAt: string;
  status: RequestStatus;
  policyVersion: string;
  extendedAt: string | null;
  extensionReason: string | null;
};

/** When the decision is due, and how long is left while someone still has to act. */
export function dueText(
  request: Pick<RequestDetails, "dueAt" | "status" | "extendedAt" | "extensionReason">,
  now = new Date(),
): string {
  const left = isUndecided(request.status) ? ` (${timeLeft(request.dueAt, now)})` : "";
  const extended = request.extendedAt
    ? `; extended on ${utc(request.extendedAt)}: ${request.extensionReason ?? ""}`
    : "";
  return `${utc(request.dueAt)}${left}${extended}`;
}

/** The request's particulars as label and value, the same on its pages and in its PDF. */
export function requestDetailRows(request: RequestDetails, now = new Date()): [string, string][] {
  return [
    ["Patient", request.patientName],
    ["Date of birth", request.patientBirthDate],
    ["Member ID", request.memberId],
    ["Ordering physician", `${request.orderingPhysician} (NPI ${request.npi})`],
    ["Planned date of service", request.serviceDate],
    ["Urgency", URGENCY_LABELS[request.urgency]],
    ["Submitted", utc(request.submittedAt)],
    [request.status === "appealed" ? "Appeal decision due" : "Decision due", dueText(request, now)],
    ["Status", STATUS_LABELS[request.status]],
    ["Policy version", request.policyVersion],
  ];
}
