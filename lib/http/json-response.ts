import "server-only";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { everyMethod } from "./every-method";
import { capProblems } from "./problem-cap";
import type { BodyProblem } from "./read-json";

/** The JSON API's bodies: answers, or a request's fields, are a few KiB. */
export const MAX_API_BODY_BYTES = 16 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonOk(body: unknown, headers: HeadersInit = NO_STORE): Response {
  return Response.json(body, { status: 200, headers });
}

/**
 * Every error the API sends has this shape: one sentence, and the wrong fields if any (the first
 * twenty, then how many more).
 */
export function jsonError(
  status: number,
  error: string,
  issues: readonly FieldIssue[] = [],
  headers: HeadersInit = {},
): Response {
  const named = capProblems(issues, (n) => ({ path: "(more)", message: `and ${n} more problems` }));
  return Response.json({ error, issues: named }, { status, headers: { ...NO_STORE, ...headers } });
}

/** A body lib/http/read-json.ts refused, as the API's error. */
export const jsonRefusal = (problem: BodyProblem) =>
  jsonError(problem.status, problem.message, problem.at ? [problem.at] : []);

export function methodNotAllowed(allowed: readonly string[]) {
  const handler = (request: Request) =>
    jsonError(405, `${request.method} is not allowed here; use ${allowed.join(" or ")}.`, [], {
      Allow: allowed.join(", "),
    });
  return everyMethod(handler);
}
