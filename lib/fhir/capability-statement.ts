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

/** What this FHIR endpoint serves: each policy's Questionnaire and CodeSystems, read-only. */
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
          "Public and cookie-free; CORS allows any origin. A QuestionnaireResponse is evaluated by POST /api/policies/<id>/evaluate (or /api/evaluate for the first policy) with Content-Type application/fhir+json. Each Questionnaire's versions are read with GET Questionnaire/<id>/_history/<version>.",
        resource: [search("Questionnaire", SDC_PROFILE.split("|")[0]), search("CodeSystem")],
      },
    ],
  };
}
