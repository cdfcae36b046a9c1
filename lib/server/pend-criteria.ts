import "server-only";
import type { Role } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { caseHistory } from "@/lib/requests/case-history";
import { stepContext } from "@/lib/requests/open-steps";
import { reachedCriteria, unreachedCriteria } from "@/lib/requests/pend-criteria";
import { findRequest } from "@/lib/requests/repository";
import { takeStep } from "@/lib/request-model/state-machine";
import { submittedBySystem } from "@/lib/audit/actors";
import { policyOfRequest } from "./policies";

/**
 * The criteria of a request for more information that the case did not reach, read against its
 * answers as they stand (corrected ones included) under the policy it is judged under; and, for
 * a request an EHR sent over PAS, a missing choice of what to send for each (a physician's
 * request takes none: the physician reads the question here). None when the request is unknown
 * or cannot be pended now: the step itself then says why (404, 409).
 */
export async function pendCriteriaIssues(
  db: Db,
  reference: string,
  criteria: readonly string[],
  user: { id: string; role: Role; specialty?: string | null },
  documents?: readonly string[],
): Promise<FieldIssue[]> {
  const request = await findRequest(db, reference);
  if (!request) return [];
  const policy = policyOfRequest(request);
  const { entries } = await caseHistory(db, request.id, reference);
  const context = stepContext(request, entries, user, policy);
  if (!takeStep(request.status, "request-information", context).ok) return [];
  const reached = reachedCriteria(evaluate(policy, request.answers));
  const issues = unreachedCriteria(criteria, reached);
  const overPas = submittedBySystem(request.physicianId);
  if (overPas && documents === undefined)
    issues.push({
      path: "documents",
      message:
        "This request came from the physician's EHR over PAS: choose what the EHR should send for each criterion",
    });
  if (!overPas && documents !== undefined)
    issues.push({
      path: "documents",
      message: "The physician answers this request here: there is no document type to choose",
    });
  return issues;
}
