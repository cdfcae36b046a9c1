import type { CapabilityStatement } from "@medplum/fhirtypes";
import { SDC_PROFILE } from "./questionnaire";

const search = (type: "Questionnaire" | "CodeSystem" | "ValueSet", profile?: string) => ({
  type,
  ...(profile ? { supportedProfile: [profile] } : {}),
  interaction: [
    { code: "read" as const },
    { code: "vread" as const },
    { code: "search-type" as const },
  ],
  searchParam: [
    {
      name: "url",
      type: "uri" as const,
      documentation: "The canonical URL, optionally with |version.",
    },
  ],
});

// PAS: Claim/$submit and Claim/$inquire, and Subscriptions on the PAS topic, for SMART Backend
// Services clients. Which PAS version each element follows (README "PAS versions"): every element
// follows STU 2.0.1. The item extensions itemPreAuthPeriod, itemPreAuthIssueDate and
// itemTraceNumber and the CommunicationRequest profile of a pend have the same URL and type in
// 2.0.1 and 2.2; a pend's items are answered over CDex 2.1 $submit-attachment (below); the
// Subscription filter is read as 2.2 spells it (org-identifier=) and as 2.0.1's examples do
// (orgIdentifier=).
const PAS = "http://hl7.org/fhir/us/davinci-pas";
export const PAS_VERSION = "2.0.1";
const pasProfile = (id: string) => `${PAS}/StructureDefinition/${id}|${PAS_VERSION}`;
const PAS_OPERATIONS = {
  type: "Claim" as const,
  supportedProfile: [pasProfile("profile-claim")],
  documentation: `Da Vinci PAS STU ${PAS_VERSION} for every element: the request and inquiry Bundles (profile-pas-request-bundle, profile-pas-inquiry-request-bundle), the response Bundles and ClaimResponse (profile-pas-response-bundle, profile-pas-inquiry-response-bundle, profile-claimresponse), and on an approved item the extensions itemPreAuthIssueDate and itemPreAuthPeriod (the same URL and type in PAS 2.2) with the authorization number as the review action's number; preAuthRef is the request's reference. A request pended for more information (A4) carries one contained CommunicationRequest (profile-communicationrequest) per item asked for, referenced from ClaimResponse.communicationRequest: its identifier the attachment control number (the CDex TrackingId), payload.contentString a LOINC code (11502-2 laboratory report, 11526-1 pathology study, 11506-3 progress note, 11488-4 consult note, or 102089-0 for questions answered as data, whose DTR context id is also the item's itemTraceNumber), no X12 category. Every change of a request's response is notified to the Subscriptions of the client that sent it (see Subscription).`,
  operation: [
    {
      name: "submit",
      definition: `${PAS}/OperationDefinition/Claim-submit`,
      documentation:
        "A PAS request Bundle; needs an access token with system/Claim.write. DocumentReferences in Claim.supportingInfo (in the Bundle or contained, attachment.data in base64; a url is never fetched) become the request's files, checked as a physician's uploads are (PDF, PNG or JPEG by their first bytes, at most 10 MB each and 5 in all; the body at most 10 MB): any bad file refuses the whole Bundle. Claim.diagnosis codes that disagree with the answers are flagged for the reviewer, never refused.",
    },
    {
      name: "inquire",
      definition: `${PAS}/OperationDefinition/Claim-inquiry`,
      documentation:
        "A PAS inquiry Bundle; needs system/ClaimResponse.read. The member ID and the provider's NPI must both match; it finds the client's own requests and those of NPIs registered to the client, never on the member ID alone. An item's authorizationNumber may be the preAuthRef or an approval's authorization number. Every answer is audited.",
    },
  ],
};

// PAS Subscriptions on the R4 Subscriptions Backport (lib/subscriptions).
const BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport";
const PAS_SUBSCRIPTIONS = {
  extension: [
    {
      url: `${BACKPORT}/StructureDefinition/capabilitystatement-subscriptiontopic-canonical`,
      valueCanonical: `${PAS}/SubscriptionTopic/PASSubscriptionTopic`,
    },
  ],
  type: "Subscription" as const,
  supportedProfile: [pasProfile("profile-subscription")],
  documentation: `Da Vinci PAS STU ${PAS_VERSION} Subscriptions (R4 Subscriptions Backport): criteria the PASSubscriptionTopic, one backport-filter-criteria org-identifier=<NPI> (PAS 2.2's spelling; 2.0.1's orgIdentifier= too) for an NPI registered to the client (else 403, nothing stored); rest-hook only, application/fhir+json, content full-resource (the PAS response Bundle $inquire answers) or id-only; the endpoint https on a host registered to the client (http only on loopback), no redirect followed, 10 s timeout. A handshake on create: active when answered 2xx, off otherwise (PUT with status requested to try again). Notified: every change of the PAS response of the requests the client itself sent for that NPI, at least once, event numbers without gaps, in order, retried with backoff. No heartbeat. Needs system/Subscription.write or .cud (create, update, delete), system/Subscription.read or .rs (read, $status).`,
  interaction: [
    { code: "create" as const },
    { code: "read" as const },
    { code: "update" as const },
    { code: "delete" as const },
  ],
  operation: [
    {
      name: "status",
      definition: `${BACKPORT}/OperationDefinition/backport-subscription-status`,
      documentation:
        "GET Subscription/<id>/$status: a searchset Bundle with its SubscriptionStatus.",
    },
  ],
};

// DTR STU 2.1's payer operations (lib/dtr): the questionnaire package and error log on
// Questionnaire, $expand on ValueSet.
const DTR = "http://hl7.org/fhir/us/davinci-dtr/OperationDefinition";
const DTR_QUESTIONNAIRE_OPERATIONS = [
  {
    name: "questionnaire-package",
    definition: `${DTR}/questionnaire-package`,
    documentation:
      "A Coverage and a Questionnaire canonical, the order, or the DTR context id of a 102089-0 pend item; needs system/Questionnaire.rs (or .read). One PackageBundle per Questionnaire: the Questionnaire, its ValueSets expanded, a draft QuestionnaireResponse with the service from the order's CPT code; for a context id, the follow-up Questionnaire (one text item per reviewer question) and an empty draft. A context id is accepted only from the client that sent the pended request, while the item is open; a CRD launch id never is.",
  },
  {
    name: "log-questionnaire-errors",
    definition: `${DTR}/log-questionnaire-errors`,
    documentation:
      "A Questionnaire canonical and an OperationOutcome; needs system/Questionnaire.rs (or .read). Recorded without the issues' text.",
  },
];
const VALUE_SET_EXPAND = {
  name: "expand",
  definition: "http://hl7.org/fhir/OperationDefinition/ValueSet-expand",
  documentation:
    "Type level, GET or POST, by url (|version allowed) and valueSetVersion; public, like the CodeSystems.",
};

// CDex 2.1's $submit-attachment (lib/cdex), system level: the EHR's answer to a pend item.
const CDEX_SUBMIT_ATTACHMENT = {
  name: "submit-attachment",
  definition: "http://hl7.org/fhir/us/davinci-cdex/OperationDefinition/submit-attachment",
  documentation:
    "CDex 2.1 Parameters: TrackingId (the attachment control number of a pending CommunicationRequest of a request this client sent), AttachTo preauthorization, MemberId (the request's), Final (absent: true), and Attachments whose Content is a DocumentReference (attachment.data in base64, checked as a physician's upload: PDF, PNG or JPEG by its first bytes, at most 10 MB each, 5 in all; the body at most 15 MB) or a QuestionnaireResponse (the policy's Questionnaire: corrected answers, read again; the item's follow-up Questionnaire: the reply's text). Needs system/Claim.write. A final submission answers its item; when every item is answered the request is 'information received'. A byte-identical retry gets the first answer and stores nothing.",
};

/** The SMART Backend Services token endpoint, beside the FHIR base (<APP_URL>/api/fhir). */
const security = (base: string) => ({
  service: [
    {
      coding: [
        {
          system: "http://terminology.hl7.org/CodeSystem/restful-security-service",
          code: "SMART-on-FHIR" as const,
        },
      ],
    },
  ],
  extension: [
    {
      url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
      extension: [{ url: "token", valueUri: base.replace(/\/api\/fhir$/, "/api/auth/token") }],
    },
  ],
  description:
    "Claim/$submit, Claim/$inquire, $submit-attachment, Subscription, Questionnaire/$questionnaire-package and Questionnaire/$log-questionnaire-errors need a SMART Backend Services access token; the Questionnaire, CodeSystems and ValueSets (read, search, $expand) are public.",
});

/** What this FHIR endpoint serves: each policy's Questionnaire, CodeSystems and ValueSets, PAS and DTR. */
export function capabilityStatement(base: string, date: string): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date,
    publisher: "Prior authorization workspace",
    kind: "instance",
    software: { name: "Prior authorization workspace" },
    implementation: {
      description: "The FHIR endpoint of the prior authorization workspace",
      url: base,
    },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    rest: [
      {
        mode: "server",
        documentation:
          "The Questionnaires and CodeSystems are public and cookie-free; CORS allows any origin. A QuestionnaireResponse is evaluated by POST /api/policies/<id>/evaluate (or /api/evaluate for the first policy) with Content-Type application/fhir+json. Each Questionnaire's versions are read with GET Questionnaire/<id>/_history/<version>.",
        security: security(base),
        resource: [
          {
            ...search("Questionnaire", SDC_PROFILE.split("|")[0]),
            operation: DTR_QUESTIONNAIRE_OPERATIONS,
          },
          search("CodeSystem"),
          { ...search("ValueSet"), operation: [VALUE_SET_EXPAND] },
          PAS_OPERATIONS,
          PAS_SUBSCRIPTIONS,
        ],
        operation: [CDEX_SUBMIT_ATTACHMENT],
      },
    ],
  };
}
