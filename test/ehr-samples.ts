// What an EHR sends: a CDS Hooks order-sign call with its prefetch, PAS request and inquiry
// Bundles. Used by the demo client, the API tests and the benchmarks, so all three send the same.
import { randomUUID } from "node:crypto";
import type { Bundle } from "@medplum/fhirtypes";
import { pasRequestBundle } from "@/lib/pas/request-bundle";
import { fhirBase } from "@/lib/fhir/canonical";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import type { Answers } from "@/lib/policy/engine/types";
import { FUTURE_SERVICE_DATE } from "./dates";

const policy = coveragePolicy0261.versions[0]!;
const CPT = "http://www.ama-assn.org/go/cpt";
const ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

export interface HookSample {
  hook?: "order-sign" | "order-select";
  cpt?: string;
  patientId?: string;
  /** ICD-10-CM codes of active conditions in the prefetch. */
  conditions?: string[];
  /** CPT codes of completed procedures in the prefetch. */
  procedures?: string[];
  coverage?: boolean;
}

export function hookRequest({
  hook = "order-sign",
  cpt = "38242",
  patientId = "example-patient",
  conditions = ["C92.02"],
  procedures = ["38240"],
  coverage = true,
}: HookSample = {}) {
  const order = {
    resourceType: "ServiceRequest",
    id: "draft-order-1",
    status: "draft",
    intent: "order",
    code: { coding: [{ system: CPT, code: cpt }] },
    subject: { reference: `Patient/${patientId}` },
  };
  const searchset = (resources: object[]) => ({
    resourceType: "Bundle",
    type: "searchset",
    entry: resources.map((resource) => ({ resource })),
  });
  return {
    hook,
    hookInstance: randomUUID(),
    context: {
      userId: "Practitioner/example-physician",
      patientId,
      draftOrders: { resourceType: "Bundle", type: "collection", entry: [{ resource: order }] },
      ...(hook === "order-select" ? { selections: ["ServiceRequest/draft-order-1"] } : {}),
    },
    prefetch: {
      coverage: coverage
        ? searchset([
            {
              resourceType: "Coverage",
              id: "example-coverage",
              status: "active",
              subscriberId: "M-1001",
              beneficiary: { reference: `Patient/${patientId}` },
              payor: [{ display: "Cigna" }],
            },
          ])
        : null,
      conditions: searchset(
        conditions.map((code) => ({
          resourceType: "Condition",
          subject: { reference: `Patient/${patientId}` },
          clinicalStatus: {
            coding: [
              {
                system: "http://terminology.hl7.org/CodeSystem/condition-clinical",
                code: "active",
              },
            ],
          },
          code: { coding: [{ system: ICD_10_CM, code }] },
          onsetDateTime: "2025-02-03",
        })),
      ),
      procedures: searchset(
        procedures.map((code) => ({
          resourceType: "Procedure",
          status: "completed",
          subject: { reference: `Patient/${patientId}` },
          code: { coding: [{ system: CPT, code }] },
          performedDateTime: "2024-11-05",
        })),
      ),
    },
  };
}

export interface PasSample {
  appUrl: string;
  memberId?: string;
  transactionId?: string;
  patientName?: string;
  npi?: string;
  answers?: Answers;
  cpt?: string;
  urgency?: "standard" | "expedited";
  serviceDate?: string;
}

/** A complete, medically necessary DLI request (relapsed AML after an allogeneic HSCT). */
export const DLI_AML_RELAPSE: Answers = {
  service: "dli",
  diagnosis: "aml",
  dliIndication: "relapsed",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
};

export function submitBundle(s: PasSample): Bundle {
  const transactionId = s.transactionId ?? randomUUID();
  return pasRequestBundle(policy, fhirBase(s.appUrl), {
    patientName: s.patientName ?? "Ada Example",
    patientBirthDate: "1970-03-04",
    memberId: s.memberId ?? "M-1001",
    orderingPhysician: "Dr. Grace Hopper",
    npi: s.npi ?? "1234567893",
    serviceDate: s.serviceDate ?? FUTURE_SERVICE_DATE,
    urgency: s.urgency ?? "expedited",
    clinicalNotes: "Relapse 9 months after allogeneic HSCT.",
    answers: s.answers ?? DLI_AML_RELAPSE,
    cpt: s.cpt ?? "38242",
    transactionId,
    claimId: `claim-${transactionId}`,
    uuid: randomUUID,
  });
}

/** A PAS inquiry: the same patient, member ID and NPI, narrowed by preAuthRef when given. */
export function inquireBundle(s: PasSample & { preAuthRef?: string; claimId?: string }): Bundle {
  const bundle = submitBundle(s) as unknown as { entry: { resource: Record<string, unknown> }[] };
  const claim = bundle.entry[0]!.resource;
  claim.identifier = s.claimId
    ? [{ system: "urn:oid:2.16.840.1.113883.3.9999.1.claim", value: s.claimId }]
    : undefined;
  claim.supportingInfo = undefined;
  claim.item = [
    {
      sequence: 1,
      category: { coding: [{ system: "https://codesystem.x12.org/005010/1365", code: "1" }] },
      productOrService: { coding: [{ system: CPT, code: s.cpt ?? "38242" }] },
      ...(s.preAuthRef
        ? {
            extension: [
              {
                url: "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-authorizationNumber",
                valueString: s.preAuthRef,
              },
            ],
          }
        : {}),
    },
  ];
  bundle.entry = bundle.entry.filter((e) => e.resource.resourceType !== "QuestionnaireResponse");
  return JSON.parse(JSON.stringify(bundle)) as Bundle;
}

/** A file an EHR attaches to a PAS Claim as a DocumentReference (supportingInfo). */
export interface SampleDocument {
  title?: string;
  contentType?: string;
  /** The file's bytes; sent base64 in attachment.data. */
  data?: Uint8Array;
  /** Instead of data: a link, which the server never fetches. */
  url?: string;
  /** In Claim.contained (referenced as #id) instead of a Bundle entry. */
  contained?: boolean;
}

/** A small, well-formed PDF's bytes. */
export const SAMPLE_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
);

/**
 * The Bundle with each document referenced from the Claim's supportingInfo (category
 * additionalInformation, as PAS sends attachments).
 */
export function withDocuments(bundle: Bundle, documents: SampleDocument[]): Bundle {
  const copy = JSON.parse(JSON.stringify(bundle)) as {
    entry: { fullUrl: string; resource: Record<string, unknown> }[];
  };
  const claim = copy.entry[0]!.resource as Record<string, unknown> & {
    supportingInfo: Record<string, unknown>[];
    contained?: Record<string, unknown>[];
  };
  documents.forEach((d, i) => {
    const id = `doc-${i + 1}`;
    const resource = {
      resourceType: "DocumentReference",
      ...(d.contained ? { id } : {}),
      status: "current",
      content: [
        {
          attachment: {
            ...(d.contentType ? { contentType: d.contentType } : {}),
            ...(d.data ? { data: Buffer.from(d.data).toString("base64") } : {}),
            ...(d.url ? { url: d.url } : {}),
            ...(d.title ? { title: d.title } : {}),
          },
        },
      ],
    };
    let reference: string;
    if (d.contained) {
      claim.contained = [...(claim.contained ?? []), resource];
      reference = `#${id}`;
    } else {
      reference = `urn:uuid:${randomUUID()}`;
      copy.entry.push({ fullUrl: reference, resource });
    }
    claim.supportingInfo.push({
      sequence: claim.supportingInfo.length + 1,
      category: {
        coding: [
          {
            system: "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes",
            code: "additionalInformation",
          },
        ],
      },
      valueReference: { reference },
    });
  });
  return copy as unknown as Bundle;
}

/** The Bundle with Claim.diagnosis carrying these ICD-10-CM codes. */
export function withDiagnoses(bundle: Bundle, codes: string[]): Bundle {
  const copy = JSON.parse(JSON.stringify(bundle)) as {
    entry: { resource: Record<string, unknown> }[];
  };
  copy.entry[0]!.resource.diagnosis = codes.map((code, i) => ({
    sequence: i + 1,
    diagnosisCodeableConcept: { coding: [{ system: ICD_10_CM, code }] },
  }));
  return copy as unknown as Bundle;
}

/** A CDex $submit-attachment for a pend item: the files as DocumentReferences, the responses as they are. */
export function submitAttachmentParameters(s: {
  trackingId: string;
  memberId: string;
  final?: boolean;
  documents?: SampleDocument[];
  responses?: object[];
}): Record<string, unknown> {
  const content = (resource: object) => ({
    name: "Attachment",
    part: [{ name: "Content", resource }],
  });
  return {
    resourceType: "Parameters",
    parameter: [
      { name: "TrackingId", valueIdentifier: { value: s.trackingId } },
      { name: "AttachTo", valueCode: "preauthorization" },
      { name: "PayerId", valueIdentifier: { value: "payer-0261" } },
      { name: "MemberId", valueIdentifier: { value: s.memberId } },
      ...(s.final === undefined ? [] : [{ name: "Final", valueBoolean: s.final }]),
      ...(s.documents ?? []).map((d) =>
        content({
          resourceType: "DocumentReference",
          status: "current",
          content: [
            {
              attachment: {
                ...(d.contentType ? { contentType: d.contentType } : {}),
                ...(d.data ? { data: Buffer.from(d.data).toString("base64") } : {}),
                ...(d.url ? { url: d.url } : {}),
                ...(d.title ? { title: d.title } : {}),
              },
            },
          ],
        }),
      ),
      ...(s.responses ?? []).map(content),
    ],
  };
}

/** A completed response to a follow-up Questionnaire: one text answer per question, in order. */
export const followUpResponse = (questionnaire: string, answers: string[]) => ({
  resourceType: "QuestionnaireResponse",
  questionnaire,
  status: "completed",
  item: answers.map((text, i) => ({
    linkId: `question-${i + 1}`,
    answer: [{ valueString: text }],
  })),
});

// A DTR $questionnaire-package input: the member's Coverage, draft orders, in Parameters.
export const packageCoverage = {
  name: "coverage",
  resource: {
    resourceType: "Coverage",
    id: "cov-1",
    status: "active",
    beneficiary: { reference: "Patient/pat-1" },
    payor: [{ reference: "Organization/payer" }],
  },
};
export const packageOrder = (cpt = "38242", id = `sr-${cpt}`) => ({
  name: "order",
  resource: {
    resourceType: "ServiceRequest",
    id,
    status: "draft",
    intent: "order",
    code: { coding: [{ system: CPT, code: cpt }] },
    subject: { reference: "Patient/pat-1" },
  },
});
export const packageParameters = (...parameter: object[]) => ({
  resourceType: "Parameters",
  parameter,
});
