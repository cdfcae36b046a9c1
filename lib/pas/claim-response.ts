import type {
  Bundle,
  BundleEntry,
  ClaimResponse,
  CommunicationRequest,
  Extension,
  Resource,
} from "@medplum/fhirtypes";
import type { RequestState } from "@/lib/request-model/state-machine";
import { getPassage, sectionLabel } from "@/lib/policy/engine/passages";
import type { Policy } from "@/lib/policy/engine/types";
import type { StoredRequest } from "@/lib/requests/request-row";
import { PAS_EXTENSION } from "./bundle";

// Pure: a stored request as the PAS response Bundle (PAS STU 2.0.1 profile-pas-response-bundle,
// and profile-pas-inquiry-response-bundle for $inquire): the ClaimResponse first, then the
// resources it references, echoed under the fullUrls the request used (§Prior Authorization
// Response). Built from what is stored, so a retried $submit gets the same response.

export const X12_306 = "https://codesystem.x12.org/005010/306";
export const REVIEW_ACTION = `${PAS_EXTENSION}/extension-reviewAction`;
export const ITEM_PREAUTH_ISSUE_DATE = `${PAS_EXTENSION}/extension-itemPreAuthIssueDate`;
export const ITEM_PREAUTH_PERIOD = `${PAS_EXTENSION}/extension-itemPreAuthPeriod`;
export const ITEM_TRACE_NUMBER = `${PAS_EXTENSION}/extension-itemTraceNumber`;
const SERVICE_LINE_NUMBER = `${PAS_EXTENSION}/extension-serviceLineNumber`;
const COMMUNICATION_REQUEST_PROFILE = `${PAS_EXTENSION}/profile-communicationrequest`;
/** The systems of the identifiers a pend item carries, under the app's origin. */
export const attachmentControlSystem = (appUrl: string) => `${appUrl}/attachment-control-number`;
export const dtrContextSystem = (appUrl: string) => `${appUrl}/dtr-context`;
const ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
const CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
const MEMBER_ID_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

/**
 * X12 306 health care services review action for each state of the review loop, with the
 * disposition PAS shows: pended (A4) while a reviewer or the physician still has to act,
 * certified (A1) or not (A3) once decided (an appeal under way leaves the denial standing),
 * cancelled (C) when the physician withdrew the request.
 */
export const REVIEW_ACTION_OF: Record<
  RequestState,
  { code: string; display: string; outcome: "queued" | "complete"; disposition: string }
> = {
  pending: { code: "A4", display: "Pended", outcome: "queued", disposition: "Pended" },
  "more-information": {
    code: "A4",
    display: "Pended",
    outcome: "queued",
    disposition: "Pended: the reviewer asked for more information",
  },
  "information-received": {
    code: "A4",
    display: "Pended",
    outcome: "queued",
    disposition: "Pended: the information asked for was received",
  },
  "awaiting-medical-director": {
    code: "A4",
    display: "Pended",
    outcome: "queued",
    disposition: "Pended: under review by a medical director",
  },
  approved: {
    code: "A1",
    display: "Certified in total",
    outcome: "complete",
    disposition: "Certified in total",
  },
  "appeal-overturned": {
    code: "A1",
    display: "Certified in total",
    outcome: "complete",
    disposition: "Certified in total on appeal",
  },
  denied: {
    code: "A3",
    display: "Not Certified",
    outcome: "complete",
    disposition: "Not certified",
  },
  appealed: {
    code: "A3",
    display: "Not Certified",
    outcome: "complete",
    disposition: "Not certified; an appeal is under review",
  },
  "appeal-upheld": {
    code: "A3",
    display: "Not Certified",
    outcome: "complete",
    disposition: "Not certified; the denial was upheld on appeal",
  },
  withdrawn: {
    code: "C",
    display: "Cancelled",
    outcome: "complete",
    disposition: "Cancelled: the request was withdrawn",
  },
};

/** Whether a step from one state to another changes what the PAS response says (code or disposition). */
export const pasResponseChanges = (from: RequestState, to: RequestState) =>
  REVIEW_ACTION_OF[from].code !== REVIEW_ACTION_OF[to].code ||
  REVIEW_ACTION_OF[from].disposition !== REVIEW_ACTION_OF[to].disposition;

/** What a PAS response says of the stored request. */
export type ResponseRequest = Pick<
  StoredRequest,
  | "reference"
  | "status"
  | "patientName"
  | "patientBirthDate"
  | "memberId"
  | "orderingPhysician"
  | "npi"
  | "serviceDate"
  | "submittedAt"
  | "dueAt"
  | "evaluation"
  | "policyVersion"
>;

export interface ResponseOrigin {
  claimIdentifier: string;
  patientFullUrl: string;
  providerFullUrl: string;
  insurerFullUrl: string;
}

export interface LatestDecision {
  action: string;
  rationale: string;
  decidedAt: string;
}

/** One item of a request for more information (lib/requests/pend-items.ts), as PAS carries it. */
export interface ResponsePendItem {
  trackingId: string;
  position: number;
  criterion: string;
  /** LOINC code of what is asked for. */
  document: string;
  question: string;
  contextId: string | null;
}

/** What an approval authorizes (lib/requests/authorization.ts), as PAS carries it. */
export interface ResponseAuthorization {
  number: string;
  validFrom: string;
  validTo: string;
  issuedAt: string;
}

export interface ResponseInput {
  request: ResponseRequest;
  origin: ResponseOrigin;
  /** The reviewer's latest decision, if any. */
  decision?: LatestDecision;
  /** The approval's authorization, once there is one. */
  authorization?: ResponseAuthorization;
  /** The items still asked for, while the request waits for information. */
  pendItems?: readonly ResponsePendItem[];
  policy: Policy;
  /** The app's origin, for links to the policy's passages. */
  appUrl: string;
  /** The ClaimResponse entry's fullUrl (a urn:uuid). */
  claimResponseUrl: string;
}

const idOf = (fullUrl: string, type: string) =>
  new RegExp(`/${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(fullUrl)?.[1];
const fromKey = (key: string) => {
  const bar = key.indexOf("|");
  const system = key.slice(0, bar);
  return { ...(system ? { system } : {}), value: key.slice(bar + 1) };
};

/** The deciding gate's reason with the policy text it cites: why the policy reads the case as it does. */
export function decidingReason(
  input: Pick<ResponseInput, "request" | "policy" | "appUrl">,
): string {
  const { evaluation, policyVersion } = input.request;
  const { policy, appUrl } = input;
  const d = evaluation.decidedBy;
  const cited = d.cites
    .map((id) => {
      let label = id;
      try {
        label = sectionLabel(policy.meta, getPassage(policy, id));
      } catch {}
      return `${label} (${appUrl}/policy/${policy.id}?version=${encodeURIComponent(policy.version)}#${id})`;
    })
    .join("; ");
  return `${policy.meta.shortName} version ${policyVersion}, gate ${d.step} (${d.title}): ${d.reason}${cited ? ` Policy text: ${cited}.` : ""}`;
}

/**
 * What a PAS item carries of the request's authorization (issue 19's record): for an approved
 * request (A1), the date it was issued (itemPreAuthIssueDate), the days it is valid
 * (itemPreAuthPeriod) and, as the X12 review action's number (HCR02, the certification number),
 * the authorization number; otherwise no extension and the request's reference as the number.
 * The one mapping the $submit and $inquire answers (and, later, notifications) use.
 */
export function itemAuthorization(
  status: RequestState,
  reference: string,
  authorization: ResponseAuthorization | undefined,
): { extension: Extension[]; number: string } {
  if (REVIEW_ACTION_OF[status].code !== "A1" || !authorization)
    return { extension: [], number: reference };
  return {
    extension: [
      { url: ITEM_PREAUTH_ISSUE_DATE, valueDate: authorization.issuedAt.slice(0, 10) },
      {
        url: ITEM_PREAUTH_PERIOD,
        valuePeriod: { start: authorization.validFrom, end: authorization.validTo },
      },
    ],
    number: authorization.number,
  };
}

/**
 * A pend item as a PAS CommunicationRequest (profile-communicationrequest, contained in the
 * ClaimResponse): its identifier the attachment control number the EHR answers with (CDex
 * TrackingId), payload.contentString the LOINC code of what to send, no X12 category (PAS
 * publishes no PWK01 codes); the criterion and the reviewer's question in words.
 */
export function pendCommunicationRequest(
  item: ResponsePendItem,
  origin: Pick<ResponseOrigin, "patientFullUrl" | "insurerFullUrl">,
  appUrl: string,
): CommunicationRequest {
  return {
    resourceType: "CommunicationRequest",
    id: `pend-item-${item.position}`,
    meta: { profile: [COMMUNICATION_REQUEST_PROFILE] },
    identifier: [{ system: attachmentControlSystem(appUrl), value: item.trackingId }],
    status: "active",
    subject: { reference: origin.patientFullUrl },
    requester: { reference: origin.insurerFullUrl },
    reasonCode: [{ text: item.criterion }],
    payload: [
      {
        extension: [{ url: SERVICE_LINE_NUMBER, valuePositiveInt: 1 }],
        contentString: item.document,
      },
    ],
    note: [{ text: item.question }],
  };
}

export function claimResponse(input: ResponseInput): ClaimResponse {
  const { request, origin, decision, policy } = input;
  // The items asked for, while the request waits for them (A4).
  const asked = request.status === "more-information" ? (input.pendItems ?? []) : [];
  const traceNumbers: Extension[] = asked.flatMap((item) =>
    item.contextId
      ? [
          {
            url: ITEM_TRACE_NUMBER,
            valueIdentifier: { system: dtrContextSystem(input.appUrl), value: item.contextId },
          },
        ]
      : [],
  );
  const action = REVIEW_ACTION_OF[request.status];
  // preAuthRef stays our reference: the EHR keeps it from the first (pended) answer.
  const authorized = itemAuthorization(request.status, request.reference, input.authorization);
  const itemExtensions = [...authorized.extension, ...traceNumbers];
  const denied = action.code === "A3";
  const notes = denied
    ? [
        {
          number: 1,
          type: "display" as const,
          text: `Denied. The policy reads this case as “${request.evaluation.label}”: ${decidingReason(input)}`,
        },
        ...(decision
          ? [
              {
                number: 2,
                type: "display" as const,
                text: `Reviewer's rationale: ${decision.rationale}`,
              },
            ]
          : []),
      ]
    : [];
  const reviewAction: Extension = {
    url: REVIEW_ACTION,
    extension: [
      {
        url: "code",
        valueCodeableConcept: {
          coding: [{ system: X12_306, code: action.code, display: action.display }],
        },
      },
      { url: "number", valueString: authorized.number },
    ],
  };
  return {
    resourceType: "ClaimResponse",
    ...(asked.length
      ? { contained: asked.map((item) => pendCommunicationRequest(item, origin, input.appUrl)) }
      : {}),
    identifier: [{ system: `${input.appUrl}/requests`, value: request.reference }],
    status: "active",
    type: { coding: [{ system: CLAIM_TYPE, code: "professional" }] },
    use: "preauthorization",
    patient: { reference: origin.patientFullUrl },
    created: decision?.decidedAt ?? request.submittedAt,
    insurer: { reference: origin.insurerFullUrl },
    request: { identifier: fromKey(origin.claimIdentifier) },
    outcome: action.outcome,
    disposition:
      action.code === "A4"
        ? `${action.disposition}: a reviewer decides under ${policy.meta.shortName} by ${request.dueAt}.`
        : `${action.disposition} under ${policy.meta.shortName}.`,
    preAuthRef: request.reference,
    item: [
      {
        ...(itemExtensions.length ? { extension: itemExtensions } : {}),
        itemSequence: 1,
        ...(notes.length ? { noteNumber: notes.map((n) => n.number) } : {}),
        adjudication: [
          {
            extension: [reviewAction],
            category: { coding: [{ system: ADJUDICATION, code: "submitted" }] },
          },
        ],
      },
    ],
    ...(notes.length ? { processNote: notes } : {}),
    ...(asked.length
      ? {
          communicationRequest: asked.map((item) => ({ reference: `#pend-item-${item.position}` })),
        }
      : {}),
  };
}

/** The ClaimResponse with the Patient and insurer it references, as PAS returns them. */
export function responseEntries(input: ResponseInput): BundleEntry[] {
  const { request, origin, policy } = input;
  const patientId = idOf(origin.patientFullUrl, "Patient");
  const insurerId = idOf(origin.insurerFullUrl, "Organization");
  const patient: Resource = {
    resourceType: "Patient",
    ...(patientId ? { id: patientId } : {}),
    identifier: [
      { type: { coding: [{ system: MEMBER_ID_TYPE, code: "MB" }] }, value: request.memberId },
    ],
    name: [{ text: request.patientName }],
    birthDate: request.patientBirthDate,
  };
  const insurer: Resource = {
    resourceType: "Organization",
    ...(insurerId ? { id: insurerId } : {}),
    name: policy.meta.publisher,
  };
  return [
    { fullUrl: input.claimResponseUrl, resource: claimResponse(input) },
    { fullUrl: origin.patientFullUrl, resource: patient },
    { fullUrl: origin.insurerFullUrl, resource: insurer },
  ];
}

export function responseBundle(entries: BundleEntry[], timestamp: string): Bundle {
  return { resourceType: "Bundle", type: "collection", timestamp, entry: entries };
}
