import { parseAnswers, type FieldIssue } from "@/lib/policy/engine/answers-schema";
import { evaluateToDecide } from "@/lib/policy/engine/evaluate";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import type { PolicyRegistry } from "@/lib/policy/registry";
import type { CorrectedAnswers } from "./transitions";

// Pure: corrected answers a physician's reply or appeal, or an EHR's CDex submission, sends,
// read under the request's policy. One reading for every path that corrects answers.

/**
 * Undefined when none were sent or nothing changed; the field issues (under `answers.`) when they
 * do not decide the case; otherwise the answers with their evaluation.
 */
export function readCorrection(
  request: { answers: Answers },
  policy: PolicyRules,
  answers: Record<string, unknown> | undefined,
): CorrectedAnswers | { ok: false; issues: FieldIssue[] } | undefined {
  if (!answers) return undefined;
  const parsed = parseAnswers(policy, answers);
  if (!parsed.ok)
    return {
      ok: false,
      issues: parsed.issues.map((i) => ({ ...i, path: `answers.${i.path}` })),
    };
  const read = evaluateToDecide(policy, parsed.answers);
  if (!read.ok)
    return {
      ok: false,
      issues: [{ path: `answers.${read.next.field}`, message: read.next.reason }],
    };
  return JSON.stringify(parsed.answers) === JSON.stringify(request.answers)
    ? undefined
    : { answers: parsed.answers, evaluation: read.evaluation };
}

/**
 * A corrected planned date of service, checked: undefined when none was sent, it is the same, or
 * the version in force on it is the one the request is judged under; otherwise the issue. A date
 * under another version (or none) would change the rules the request is judged by, which a
 * correction does not do.
 */
export function readCorrectedDate(
  registry: Pick<PolicyRegistry, "policyOn">,
  request: { policyId: string; policyVersion: string; serviceDate: string },
  policy: Pick<PolicyRules, "meta">,
  serviceDate: string | undefined,
): { ok: false; issues: FieldIssue[] } | undefined {
  if (!serviceDate || serviceDate === request.serviceDate) return undefined;
  const then = registry.policyOn(request.policyId, serviceDate);
  if (then.ok && then.policy.version === request.policyVersion) return undefined;
  return {
    ok: false,
    issues: [
      {
        path: "serviceDate",
        message: `${serviceDate} falls under ${then.ok ? `version ${then.policy.version}` : "no version"} of ${policy.meta.shortName}, not the version ${request.policyVersion} this request is judged under: withdraw it and submit a new request`,
      },
    ],
  };
}
