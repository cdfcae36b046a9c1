import { POLICY } from "@/lib/policy/policy-meta";

export const QUESTIONNAIRE_ID = POLICY.id;
export const QUESTIONNAIRE_URL = `urn:coverage-policy:${POLICY.number}:questionnaire`;
export const CANONICAL = `${QUESTIONNAIRE_URL}|${POLICY.version}`;

/** An answer value as a FHIR Coding code: the contract's value, booleans as "true" / "false". */
export const codeOf = (value: string | number | boolean) => String(value);
