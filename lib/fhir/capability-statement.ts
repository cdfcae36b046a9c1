import type { CapabilityStatement } from "@medplum/fhirtypes";
import { SDC_PROFILE } from "./questionnaire";

const search = (type: "Questionnaire" | "CodeSystem", profile?: string) => ({
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
    "Claim/$submit and Claim/$inquire need a SMART Backend Services access token; the Questionnaire and CodeSystems are public.",
});

/** What this FHIR endpoint serves: each policy's Questionnaire and CodeSystems, and PAS. */
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
          search("Questionnaire", SDC_PROFILE.split("|")[0]),
          search("CodeSystem"),
          PAS_OPERATIONS,
        ],
      },
    ],
  };
}
