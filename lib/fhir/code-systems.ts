import type { CodeSystem } from "@medplum/fhirtypes";
import { allCitesOfOption, isYesNo } from "@/lib/policy/engine/questions";
import type { ChoiceQuestion, Policy } from "@/lib/policy/engine/types";
import { codeSystemId, codeSystemUrl, valueSetUrl } from "./canonical";
import { optionHelpTexts } from "./questionnaire";

/** The questions answered with a Coding from one of the policy's CodeSystems. */
export const codedQuestions = (policy: Pick<Policy, "questions">) =>
  policy.questions.filter((q): q is ChoiceQuestion => q.kind === "choice" && !isYesNo(q));

/** The contract's values of each coded question, as CodeSystems served at their canonical URLs. */
export function policyCodeSystems(base: string, policy: Policy): CodeSystem[] {
  const { meta } = policy;
  return codedQuestions(policy).map((question): CodeSystem & { id: string; url: string } => ({
    resourceType: "CodeSystem",
    id: codeSystemId(policy, question.field),
    url: codeSystemUrl(base, policy, question.field),
    version: policy.version,
    name: `${meta.documentType}${meta.number}${question.field[0]!.toUpperCase()}${question.field.slice(1)}`.replace(
      /[^A-Za-z0-9]/g,
      "",
    ),
    title: `${meta.documentType} ${meta.number}: ${question.text}`,
    status: "active",
    publisher: meta.publisher,
    description: `The answers to “${question.text}” in the decision contract of ${meta.documentType} ${meta.number} (rules revision ${policy.rulesRevision}).`,
    caseSensitive: true,
    // Every code of it, as a ValueSet: what DTR's package carries and ValueSet/$expand expands.
    valueSet: valueSetUrl(base, policy, question.field),
    content: "complete",
    property: [
      {
        code: "cites",
        description: "A passage of the policy this answer rests on (its id in the policy's text).",
        type: "string",
      },
    ],
    concept: question.options.map((o) => {
      const help = optionHelpTexts(o);
      return {
        code: String(o.value),
        display: o.label,
        ...(help.length ? { definition: help.join(" ") } : {}),
        property: allCitesOfOption(o).map((id) => ({ code: "cites", valueString: id })),
      };
    }),
  }));
}
