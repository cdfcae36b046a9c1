import "server-only";
import type { Db } from "@/lib/db/database";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { reachedCriteria, unreachedCriteria } from "@/lib/requests/pend-criteria";
import { findRequest } from "@/lib/requests/repository";
import { policyOfRequest } from "./policies";

/**
 * The criteria of a request for more information that the case did not reach, read against its
 * answers as they stand (corrected ones included) under the policy it is judged under. An unknown
 * request gives none: the step itself then says it is not found.
 */
export async function pendCriteriaIssues(
  db: Db,
  reference: string,
  criteria: readonly string[],
): Promise<FieldIssue[]> {
  const request = await findRequest(db, reference);
  if (!request) return [];
  const reached = reachedCriteria(evaluate(policyOfRequest(request), request.answers));
  return unreachedCriteria(criteria, reached);
}
