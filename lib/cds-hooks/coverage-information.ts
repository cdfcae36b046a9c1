import type { Extension } from "@medplum/fhirtypes";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import type { HookName } from "./services";

// Pure: the Da Vinci CRD coverage-information extension (CRD STU 2.1,
// StructureDefinition-ext-coverage-information) for an order a coverage policy governs.

export const COVERAGE_INFORMATION =
  "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";
export const CRD_TEMP_CODES = "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp";

export interface CoverageAssertion {
  hook: HookName;
  /** "Coverage/<id>" on the EHR, from the prefetch. */
  coverage: string;
  cpt: string;
  serviceLabel: string;
  /** "Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion …". */
  policyTitle: string;
  /** The policy document's page. */
  policyUrl: string;
  /** The policy's Questionnaire, canonical with its version. */
  questionnaire: string;
  /** A trace id, new for every assertion. */
  assertionId: string;
  /** From the plan's configured list of codes (PRIOR_AUTH_CODES), never from the policy text. */
  priorAuthorization: "auth-needed" | "no-auth";
  /** YYYY-MM-DD. */
  date: string;
}

const sub = (url: string, value: Omit<Extension, "url">): Extension => ({ url, ...value });

/**
 * Coverage depends on the policy's medical-necessity criteria (covered: conditional). Whether the
 * code needs prior authorization comes from the plan's list (pa-needed: auth-needed or no-auth).
 * Where it does, the criteria are clinical (doc-needed: clinical, with the policy's Questionnaire,
 * for the prior authorization: doc-purpose withpa). What decides coverage is neither performer,
 * location nor timeframe, so info-needed is OTH with the policy as the reason (crd-ci-q3,
 * crd-ci-q6; the reason is text only, crd-ci-q7). order-select is a secondary hook: its assertion
 * carries no documentation need and no questionnaire (CRD 2.1 §Hook Categories; crd-ci-q1).
 */
export function coverageInformation(a: CoverageAssertion): Extension {
  const needed = a.priorAuthorization === "auth-needed";
  const documentation =
    needed && a.hook === "order-sign"
      ? [
          sub("doc-needed", { valueCode: "clinical" }),
          sub("doc-purpose", { valueCode: "withpa" }),
          sub("questionnaire", { valueCanonical: a.questionnaire }),
        ]
      : [];
  return {
    url: COVERAGE_INFORMATION,
    extension: [
      sub("coverage", { valueReference: { reference: a.coverage } }),
      sub("covered", { valueCode: "conditional" }),
      sub("pa-needed", { valueCode: a.priorAuthorization }),
      ...documentation,
      sub("info-needed", { valueCode: "OTH" }),
      sub("billingCode", {
        valueCoding: { system: CPT_SYSTEM, code: a.cpt, display: a.serviceLabel },
      }),
      sub("reason", {
        valueCodeableConcept: {
          text: needed
            ? `Medically necessary under ${a.policyTitle} when its criteria are met; the plan requires prior authorization for CPT ${a.cpt}.`
            : `Medically necessary under ${a.policyTitle} when its criteria are met; the plan does not require prior authorization for CPT ${a.cpt}.`,
        },
      }),
      {
        url: "detail",
        extension: [
          sub("code", {
            valueCodeableConcept: {
              coding: [{ system: CRD_TEMP_CODES, code: "policy-link", display: "Policy Link" }],
            },
          }),
          sub("value", { valueUrl: a.policyUrl }),
        ],
      },
      sub("date", { valueDate: a.date }),
      sub("coverage-assertion-id", { valueString: a.assertionId }),
    ],
  };
}
