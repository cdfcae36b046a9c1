import "server-only";
import { randomInt } from "node:crypto";
import { env } from "@/lib/env";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";

/**
 * Rule-based approval for submissions under a policy, when it is on: RULE_APPROVAL=1 (off by
 * default, demo mode included) and the policy's review settings allow it. A share of the rule's
 * approvals (RULE_APPROVAL_AUDIT_PERCENT, default 10) is drawn at random for a reviewer's
 * retrospective audit. The form and POST /api/requests ask for it; PAS submissions never do (they
 * carry no attestation).
 */
export function ruleApprovalFor(policyId: string): { sample: () => boolean } | undefined {
  const { RULE_APPROVAL, RULE_APPROVAL_AUDIT_PERCENT } = env();
  if (RULE_APPROVAL !== "1" || !reviewSettingsOf(policyId).ruleApproval) return undefined;
  return { sample: () => randomInt(0, 100) < RULE_APPROVAL_AUDIT_PERCENT };
}
