import "server-only";
import { evaluate, type Evaluation } from "@/lib/policy/engine/evaluate";
import { compareReadings, type Rereading } from "@/lib/policy/engine/rereading";
import type { Answers, Policy } from "@/lib/policy/engine/types";
import { policies, policyOfRequest } from "./policies";

/** A stored request's reading: the one stored at submission, and the server's today, side by side. */
export interface RequestReading extends Rereading {
  /** The policy version the request is judged under (the one in force on the date of service). */
  policy: Policy;
  /** Stored at submission; never rewritten. */
  stored: Evaluation;
  /** The stored answers read again today, under the package's current rules revision. */
  now: Evaluation;
}

/**
 * One reading of a stored request for every surface that shows it (the reviewer's page, the
 * PDF, the JSON API): a request keeps the determination it was made under, and where today's
 * rules read its answers otherwise, this says so and why.
 */
export function readingOfRequest(request: {
  policyId: string;
  policyVersion: string;
  answers: Answers;
  evaluation: Evaluation;
}): RequestReading {
  const policy = policyOfRequest(request);
  const stored = request.evaluation;
  const now = evaluate(policy, request.answers);
  return {
    policy,
    stored,
    now,
    ...compareReadings(policy, stored, now, policies.revisionChanges(policy.id)),
  };
}
