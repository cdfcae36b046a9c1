import "server-only";
import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { issueCodeOf, operationOutcome, outcomeIssue } from "@/lib/fhir/outcomes";
import { everyMethod } from "./every-method";
import { problemLines, type BodyProblem, type ReadJsonOptions } from "./read-json";

export const FHIR_JSON = "application/fhir+json";

/**
 * A FHIR operation's body (a PAS inquiry, DTR, a Subscription): larger than the API's 16 KiB,
 * bounded all the same. $submit and $submit-attachment take more (lib/pas/routes.ts,
 * lib/cdex/routes.ts).
 */
export const FHIR_BODY: ReadJsonOptions = {
  mediaTypes: [FHIR_JSON, "application/json"],
  maxBytes: 1024 * 1024,
};

export function fhirJson(resource: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(resource), {
    status,
    headers: {
      "Content-Type": `${FHIR_JSON}; charset=utf-8`,
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** A FHIR route's answer carrying an OperationOutcome of these issues. */
export const fhirOutcome = (issues: readonly OperationOutcomeIssue[], status = 400) =>
  fhirJson(operationOutcome(issues), status);

/** A FHIR route's error: an OperationOutcome with one issue, never HTML. */
export function fhirError(
  status: number,
  code: OperationOutcomeIssue["code"],
  diagnostics: string,
  headers: HeadersInit = {},
): Response {
  return fhirJson(operationOutcome([outcomeIssue(code, diagnostics)]), status, headers);
}

/** A body lib/http/read-json.ts refused, as an OperationOutcome: what is wrong, then where. */
export function fhirRefusal(problem: BodyProblem): Response {
  const [what, ...where] = problemLines(problem);
  const code = problem.kind === "too-deep" ? "too-costly" : issueCodeOf(problem.status);
  return fhirOutcome(
    [outcomeIssue(code, what!), ...where.map((line) => outcomeIssue("invalid", line))],
    problem.status,
  );
}

/** Every method but `allowed` on a FHIR route: 405 with an OperationOutcome and `Allow`. */
export function fhirMethodNotAllowed(allowed: readonly string[], cors = false) {
  const handler = (request: Request) =>
    fhirError(
      405,
      "not-supported",
      `${request.method} is not allowed here; use ${allowed.join(" or ")}.`,
      { Allow: allowed.join(", "), ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}) },
    );
  return everyMethod(handler);
}
