import type { Field } from "@/lib/policy/fields";
import { POLICY } from "@/lib/policy/policy-meta";

export const QUESTIONNAIRE_ID = POLICY.id;
/** The canonical URL before revision 2; responses that name it are still read. */
export const LEGACY_QUESTIONNAIRE_URL = `urn:coverage-policy:${POLICY.number}:questionnaire`;

/** The FHIR base of this server, from its public address (APP_URL). */
export const fhirBase = (appUrl: string) => `${appUrl.replace(/\/+$/, "")}/api/fhir`;

/** Canonical URLs resolve: each is the address this server serves the resource at. */
export const questionnaireUrl = (base: string) => `${base}/Questionnaire/${QUESTIONNAIRE_ID}`;
export const questionnaireCanonical = (base: string) =>
  `${questionnaireUrl(base)}|${POLICY.version}`;

/** One CodeSystem per coded question: its values, as the contract spells them. */
export const codeSystemId = (field: Field) =>
  `${POLICY.id}-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const codeSystemUrl = (base: string, field: Field) =>
  `${base}/CodeSystem/${codeSystemId(field)}`;

/** The questionnaire URLs a response may name: today's canonical and the earlier URN. */
export const acceptedQuestionnaireUrls = (base: string) => [
  questionnaireUrl(base),
  questionnaireCanonical(base),
  LEGACY_QUESTIONNAIRE_URL,
  `${LEGACY_QUESTIONNAIRE_URL}|${POLICY.version}`,
];
