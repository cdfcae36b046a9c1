import type { Extension, QuestionnaireResponse } from "@medplum/fhirtypes";
import type { StoredRequest } from "@/lib/requests/repository";
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
 * extensions the determination with its deciding rule and policy version, and the decisions.
 */
export function requestToResponse(
  policy: PolicyRules,
  request: StoredRequest,
  decisions: readonly ExportedDecision[],
  base: string,
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
  return answersToResponse(policy, request.answers, "completed", base, {
    id: request.reference,
    identifier: { value: request.reference },
    authored: request.submittedAt,
    subject: { display: request.patientName, identifier: { value: request.memberId } },
    author: {
      display: request.orderingPhysician,
      identifier: { system: NPI_SYSTEM, value: request.npi },
    },
    extension: [outcome, ...decisionExtensions],
  });
}
