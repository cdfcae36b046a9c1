import type { Person } from "@/lib/auth/people";
import { ROLE_LABELS, isRole } from "@/lib/request-model/roles";
import type { DecisionAction, Urgency } from "@/lib/request-model/vocabulary";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { utc } from "@/lib/time/utc";
import { REQUEST_FIELD_LABELS, type RequestFields } from "@/lib/validations/request-submission";
import type { StoredRequest } from "./request-row";
import { answerText } from "./readings";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";
import { serviceOf, serviceText } from "./service";
import { STATE_LABELS, isUndecided, type RequestState } from "@/lib/request-model/state-machine";

/** What a status means to the reader, which its box's colour shows. */
export type StatusTone = "waiting" | "action" | "approved" | "denied" | "closed";
export const STATUS_TONES: Record<RequestState, StatusTone> = {
  pending: "waiting",
  "information-received": "waiting",
  "awaiting-medical-director": "waiting",
  appealed: "waiting",
  "more-information": "action",
  approved: "approved",
  "appeal-overturned": "approved",
  denied: "denied",
  "appeal-upheld": "denied",
  withdrawn: "closed",
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  standard: "Standard (7 days)",
  expedited: "Expedited (72 hours)",
};

/** "Dr. Dee (medical director)": a person as the pages, the audit trail and the PDF name them. */
export function personText(person: Pick<Person, "name" | "role">): string {
  if (person.role === "rule") return "the policy's rules (no person decided)";
  return `${person.name} (${isRole(person.role) ? ROLE_LABELS[person.role] : person.role})`;
}

/**
 * Words with times in them, each time kept as the instant it is: a page shows it in the reader's
 * own time zone (components/ui/timed-text.tsx), the PDF in UTC (timedText).
 */
export type Timed = string | readonly (string | { at: string })[];

/** Timed words as plain text, each time in UTC: the PDF's. */
export const timedText = (value: Timed): string =>
  typeof value === "string"
    ? value
    : value.map((part) => (typeof part === "string" ? part : utc(part.at))).join("");

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

/** Each audit row named for what happened; rows written before a name existed keep theirs. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "request.submitted": "Submitted",
  "request.approved-by-rule": "Approved by rule at submission",
  "request.viewed": "Viewed by a reviewer",
  "request.exported": "Exported",
  "request.decided": "Decided",
  "request.approved": "Approved",
  "request.denied": "Denied",
  "request.information-requested": "Information requested",
  "request.denial-recommended": "Denial recommended to a medical director",
  "request.replied": "Replied with information",
  "request.information-added": "Part of the information received (more to come)",
  "request.withdrawn": "Withdrawn",
  "request.extended": "Due time extended",
  "request.appealed": "Appealed",
  "request.appeal-decided": "Appeal decided",
  "request.assigned": "Assigned",
  "request.rule-audited": "Rule approval audited",
  "request.attachment-downloaded": "Attachment downloaded",
  "request.inquired": "Status asked over PAS",
  "request.notified": "Status sent to the EHR's subscription",
  "request.notification-failed": "Status not delivered to the EHR's subscription; will retry",
};

/** What the particulars of a request are worded from. */
export type RequestDetails = Omit<RequestFields, "clinicalNotes"> &
  Pick<
    StoredRequest,
    | "submittedAt"
    | "dueAt"
    | "status"
    | "policyVersion"
    | "extendedAt"
    | "extensionReason"
    | "answers"
    | "policyId"
    | "retrospective"
  >;

/** When the decision is due, and how long is left while someone still has to act. */
export function dueText(
  request: Pick<RequestDetails, "dueAt" | "status" | "extendedAt" | "extensionReason">,
  now = new Date(),
): Timed {
  const left = isUndecided(request.status) ? ` (${timeLeft(request.dueAt, now)})` : "";
  const extended = request.extendedAt
    ? ["; extended on ", { at: request.extendedAt }, `: ${request.extensionReason ?? ""}`]
    : [];
  return [{ at: request.dueAt }, left, ...extended];
}

export const RETROSPECTIVE_FLAG = "retrospective: the service was already given";

/** The diagnosis a request names, as the worklists show it; undefined where the policy asks none. */
export function diagnosisText(policy: Pick<PolicyRules, "id" | "questions">, answers: Answers) {
  const field = reviewSettingsOf(policy.id).diagnosisField;
  if (!field) return undefined;
  if (answers[field] === undefined) return "not asked for this service";
  return answerText(
    policy.questions.find((q) => q.field === field),
    answers[field],
  );
}

/**
 * The request's particulars as label and value, the same on its pages and in its PDF: first
 * what tells one case from another (the summary), then the rest.
 */
export function requestDetailRows(
  request: RequestDetails,
  policy: Pick<PolicyRules, "id" | "questions" | "meta">,
  now = new Date(),
): { summary: [string, Timed][]; more: [string, Timed][] } {
  const diagnosis = diagnosisText(policy, request.answers);
  return {
    summary: [
      ["Patient", request.patientName],
      [REQUEST_FIELD_LABELS.patientBirthDate, request.patientBirthDate],
      [REQUEST_FIELD_LABELS.memberId, request.memberId],
      ["Service", serviceText(serviceOf(policy, request.answers))],
      ...(diagnosis === undefined ? [] : [["Diagnosis", diagnosis] as [string, string]]),
      [
        REQUEST_FIELD_LABELS.serviceDate,
        request.retrospective
          ? `${request.serviceDate} (${RETROSPECTIVE_FLAG})`
          : request.serviceDate,
      ],
      [REQUEST_FIELD_LABELS.urgency, URGENCY_LABELS[request.urgency]],
      [
        request.status === "appealed" ? "Appeal decision due" : "Decision due",
        dueText(request, now),
      ],
      ["Status", STATE_LABELS[request.status]],
    ],
    more: [
      [REQUEST_FIELD_LABELS.orderingPhysician, `${request.orderingPhysician} (NPI ${request.npi})`],
      ["Submitted", [{ at: request.submittedAt }]],
      ["Policy version", request.policyVersion],
    ],
  };
}
