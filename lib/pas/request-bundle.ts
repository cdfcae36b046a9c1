import type { Bundle, Resource } from "@medplum/fhirtypes";
import { answersToResponse } from "@/lib/fhir/questionnaire-response";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import type { RequestFields } from "@/lib/validations/request-submission";
import { NPI_SYSTEM, PAS_TEMP_CODES } from "./bundle";

// Pure: a PAS request Bundle as an EHR builds one (PAS STU 2.0.1 profile-pas-request-bundle,
// profile-claim), from the fields a request has. The demo client, the benchmarks and the tests
// send these; the server reads them with mapSubmitBundle.

/** A request's own fields and answers, and what a Bundle adds: the service's CPT code, ids. */
export interface RequestBundleInput extends RequestFields {
  answers: Answers;
  cpt: string;
  /** The submitter's transaction id (Bundle.identifier.value) and the Claim's identifier. */
  transactionId: string;
  claimId: string;
  /** A GUID per resource, for urn:uuid fullUrls. */
  uuid: () => string;
  timestamp?: string;
}

const SUBMITTER = "urn:oid:2.16.840.1.113883.3.9999.1";

export function pasRequestBundle(policy: PolicyRules, base: string, r: RequestBundleInput): Bundle {
  const url = () => `urn:uuid:${r.uuid()}`;
  const [claim, patient, practitioner, role, insurer, coverage, qr] = Array.from(
    { length: 7 },
    url,
  );
  const resources: [string, Resource][] = [
    [
      claim!,
      {
        resourceType: "Claim",
        identifier: [{ system: `${SUBMITTER}.claim`, value: r.claimId }],
        status: "active",
        type: {
          coding: [
            { system: "http://terminology.hl7.org/CodeSystem/claim-type", code: "professional" },
          ],
        },
        use: "preauthorization",
        patient: { reference: patient! },
        created: r.timestamp ?? new Date().toISOString(),
        insurer: { reference: insurer! },
        provider: { reference: role! },
        priority: {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/processpriority",
              code: r.urgency === "expedited" ? "stat" : "normal",
            },
          ],
        },
        insurance: [{ sequence: 1, focal: true, coverage: { reference: coverage! } }],
        supportingInfo: [
          {
            sequence: 1,
            category: { coding: [{ system: PAS_TEMP_CODES, code: "additionalInformation" }] },
            valueReference: { reference: qr! },
          },
          ...(r.clinicalNotes
            ? [
                {
                  sequence: 2,
                  category: { coding: [{ system: PAS_TEMP_CODES, code: "freeFormMessage" }] },
                  valueString: r.clinicalNotes,
                },
              ]
            : []),
        ],
        item: [
          {
            sequence: 1,
            category: { coding: [{ system: "https://codesystem.x12.org/005010/1365", code: "1" }] },
            productOrService: { coding: [{ system: CPT_SYSTEM, code: r.cpt }] },
            servicedDate: r.serviceDate,
          },
        ],
      },
    ],
    [
      patient!,
      {
        resourceType: "Patient",
        identifier: [{ system: `${SUBMITTER}.mrn`, value: `MRN-${r.memberId}` }],
        name: [{ text: r.patientName }],
        gender: "unknown",
        birthDate: r.patientBirthDate,
      },
    ],
    [
      practitioner!,
      {
        resourceType: "Practitioner",
        identifier: [{ system: NPI_SYSTEM, value: r.npi }],
        name: [{ text: r.orderingPhysician }],
      },
    ],
    [role!, { resourceType: "PractitionerRole", practitioner: { reference: practitioner! } }],
    [insurer!, { resourceType: "Organization", name: policy.meta.publisher, active: true }],
    [
      coverage!,
      {
        resourceType: "Coverage",
        status: "active",
        subscriberId: r.memberId,
        beneficiary: { reference: patient! },
        payor: [{ reference: insurer! }],
      },
    ],
    [
      qr!,
      answersToResponse(policy, r.answers, "completed", base, { subject: { reference: patient! } }),
    ],
  ];
  return {
    resourceType: "Bundle",
    identifier: { system: `${SUBMITTER}.transaction`, value: r.transactionId },
    type: "collection",
    timestamp: r.timestamp ?? new Date().toISOString(),
    entry: resources.map(([fullUrl, resource]) => ({ fullUrl, resource })),
  };
}
