import type { CodeSystem } from "@medplum/fhirtypes";
import { POLICY, RULES_REVISION } from "@/lib/policy/policy-meta";
import { codeSystemId, codeSystemUrl } from "./canonical";
import { CODED_QUESTIONS } from "./items";
import { optionHelpTexts } from "./questionnaire";

/** The contract's values of each coded question, as CodeSystems served at their canonical URLs. */
export function policyCodeSystems(base: string): CodeSystem[] {
  return CODED_QUESTIONS.map((question) => ({
    resourceType: "CodeSystem",
    id: codeSystemId(question.field),
    url: codeSystemUrl(base, question.field),
    version: POLICY.version,
    name: `CoveragePolicy${POLICY.number}${question.field[0]!.toUpperCase()}${question.field.slice(1)}`,
    title: `${POLICY.documentType} ${POLICY.number}: ${question.text}`,
    status: "active",
    publisher: POLICY.publisher,
    description: `The answers to “${question.text}” in the decision contract of ${POLICY.documentType} ${POLICY.number} (rules revision ${RULES_REVISION}).`,
    caseSensitive: true,
    content: "complete",
    property: [
      {
        code: "cites",
        description: "A passage of the policy this answer rests on (its id on /policy).",
        type: "string",
      },
    ],
    concept: question.options.map((o) => {
      const help = optionHelpTexts(o);
      return {
        code: String(o.value),
        display: o.label,
        ...(help.length ? { definition: help.join(" ") } : {}),
        property: o.cites.map((id) => ({ code: "cites", valueString: id })),
      };
    }),
  }));
}
