import type { CapabilityStatement } from "@medplum/fhirtypes";
import { POLICY, RULES_REVISION } from "@/lib/policy/policy-meta";
import { SDC_PROFILE } from "./questionnaire";

const search = (type: "Questionnaire" | "CodeSystem", profile?: string) => ({
  type,
  ...(profile ? { supportedProfile: [profile] } : {}),
  interaction: [{ code: "read" as const }, { code: "search-type" as const }],
  searchParam: [
    {
      name: "url",
      type: "uri" as const,
      documentation: "The canonical URL, optionally with |version.",
    },
  ],
});

/** What this FHIR endpoint serves: the policy's Questionnaire and its CodeSystems, read-only. */
export function capabilityStatement(base: string, date: string): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date,
    publisher: `${POLICY.documentType} ${POLICY.number} workspace`,
    kind: "instance",
    software: {
      name: `${POLICY.documentType} ${POLICY.number} workspace`,
      version: `rules revision ${RULES_REVISION}`,
    },
    implementation: {
      description: `The FHIR endpoint of the ${POLICY.documentType} ${POLICY.number} workspace`,
      url: base,
    },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    rest: [
      {
        mode: "server",
        documentation:
          "Public and cookie-free; CORS allows any origin. A QuestionnaireResponse for the Questionnaire is evaluated by POST /api/evaluate with Content-Type application/fhir+json.",
        resource: [search("Questionnaire", SDC_PROFILE.split("|")[0]), search("CodeSystem")],
      },
    ],
  };
}
