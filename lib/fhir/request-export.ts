import type { Extension, QuestionnaireResponse } from "@medplum/fhirtypes";
import type { AuthorizationRecord } from "@/lib/requests/authorization";
import type { StoredRequest } from "@/lib/requests/request-row";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { answersToResponse } from "./questionnaire-response";

const extensionBase = (policy: Pick<PolicyRules, "meta">) =>
  `urn:coverage-policy:${policy.meta.number}:extension`;
const NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";

export interface ExportedDecision {
  action: string;
  reviewActionCode: string;
  rationale: string;
  decidedAt: string;
}

/**
 * A stored request as a completed QuestionnaireResponse: the answers, who and when, and in
 * extensions the determination with its deciding rule and policy version, the decisions, and what
 * an approval authorizes (its number, service, units and period).
 */
export function requestToResponse(
  policy: PolicyRules,
  request: StoredRequest,
  decisions: readonly ExportedDecision[],
  base: string,
  authorization?: AuthorizationRecord,
): QuestionnaireResponse {
  const { evaluation } = request;
  const outcome: Extension = {
    url: `${extensionBase(policy)}:determination`,
    extension: [
      { url: "determination", valueCode: evaluation.determination },
      { url: "label", valueString: evaluation.label },
      {
        url: "decidedBy",
        valueString: `Gate ${evaluation.decidedBy.step} (${evaluation.decidedBy.title}): ${evaluation.decidedBy.reason}`,
      },
      ...evaluation.decidedBy.cites.map((id) => ({ url: "citedPassage", valueString: id })),
      { url: "policyVersion", valueString: request.policyVersion },
      { url: "rulesRevision", valueInteger: evaluation.policy.rulesRevision },
    ],
  };
  const decisionExtensions: Extension[] = decisions.map((d) => ({
    url: `${extensionBase(policy)}:decision`,
    extension: [
      { url: "action", valueCode: d.action },
      { url: "reviewActionCode", valueCode: d.reviewActionCode },
      { url: "rationale", valueString: d.rationale },
      { url: "decidedAt", valueDateTime: d.decidedAt },
    ],
  }));
  const authorizationExtensions: Extension[] = authorization
    ? [
        {
          url: `${extensionBase(policy)}:authorization`,
          extension: [
            { url: "number", valueString: authorization.number },
            {
              url: "service",
              valueCoding: {
                system: CPT_SYSTEM,
                code: authorization.cpt,
                display: authorization.service,
              },
            },
            { url: "units", valueInteger: authorization.units },
            {
              url: "period",
              valuePeriod: { start: authorization.validFrom, end: authorization.validTo },
            },
            { url: "issued", valueDate: authorization.issuedAt.slice(0, 10) },
            { url: "byRule", valueBoolean: authorization.byRule },
          ],
        },
      ]
    : [];
  return answersToResponse(policy, request.answers, "completed", base, {
    id: request.reference,
    identifier: { value: request.reference },
    authored: request.submittedAt,
    subject: { display: request.patientName, identifier: { value: request.memberId } },
    author: {
      display: request.orderingPhysician,
      identifier: { system: NPI_SYSTEM, value: request.npi },
    },
    extension: [outcome, ...decisionExtensions, ...authorizationExtensions],
  });
}
