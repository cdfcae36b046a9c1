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

// PAS STU 2.0.1: Claim/$submit and Claim/$inquire, for SMART Backend Services clients.
const PAS_OPERATIONS = {
  type: "Claim" as const,
  operation: [
    {
      name: "submit",
      definition: "http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-submit",
      documentation: "A PAS request Bundle; needs an access token with system/Claim.write.",
    },
    {
      name: "inquire",
      definition: "http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-inquiry",
      documentation:
        "A PAS inquiry Bundle; needs system/ClaimResponse.read. Finds only the client's own requests.",
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
      "A Coverage and a Questionnaire canonical or the order; needs system/Questionnaire.rs (or .read). One PackageBundle per Questionnaire: the Questionnaire, its ValueSets expanded, a draft QuestionnaireResponse with the service from the order's CPT code. No context id is accepted: pends are not supported yet, and a CRD launch id never is.",
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
    "Claim/$submit, Claim/$inquire, Questionnaire/$questionnaire-package and Questionnaire/$log-questionnaire-errors need a SMART Backend Services access token; the Questionnaire, CodeSystems and ValueSets (read, search, $expand) are public.",
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
        ],
      },
    ],
  };
}
