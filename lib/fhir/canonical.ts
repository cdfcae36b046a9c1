import type { PolicyRules } from "@/lib/policy/engine/types";

type Named = Pick<PolicyRules, "id" | "meta">;

/** The FHIR base of this server, from its public address (APP_URL). */
export const fhirBase = (appUrl: string) => `${appUrl.replace(/\/+$/, "")}/api/fhir`;

/** Canonical URLs resolve: each is the address this server serves the resource at. */
export const questionnaireUrl = (base: string, policy: Pick<PolicyRules, "id">) =>
  `${base}/Questionnaire/${policy.id}`;
export const questionnaireCanonical = (base: string, policy: Pick<PolicyRules, "id" | "version">) =>
  `${questionnaireUrl(base, policy)}|${policy.version}`;

/** The URN this product named a policy's Questionnaire by before rules revision 2. */
export const legacyQuestionnaireUrl = (policy: Named) =>
  `urn:coverage-policy:${policy.meta.number}:questionnaire`;

/** One CodeSystem per coded question: its values, as the policy's contract spells them. */
export const codeSystemId = (policy: Pick<PolicyRules, "id">, field: string) =>
  `${policy.id}-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const codeSystemUrl = (base: string, policy: Pick<PolicyRules, "id">, field: string) =>
  `${base}/CodeSystem/${codeSystemId(policy, field)}`;

/** Each CodeSystem's every code as a ValueSet (what DTR's package and $expand serve), same id. */
export const valueSetUrl = (base: string, policy: Pick<PolicyRules, "id">, field: string) =>
  `${base}/ValueSet/${codeSystemId(policy, field)}`;

/** The questionnaire URLs a response for this policy may name, with or without a version. */
export function namesQuestionnaireOf(base: string, policy: Named, questionnaire: unknown) {
  if (typeof questionnaire !== "string") return false;
  const [url] = questionnaire.split("|");
  return url === questionnaireUrl(base, policy) || url === legacyQuestionnaireUrl(policy);
}
