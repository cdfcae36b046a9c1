// Pure: every OperationOutcome this server sends is built here (after medplum's
// packages/core/src/outcomes.ts): its issues, the cap on how many it names, and which issue code
// goes with which HTTP status. The responses that carry them live in lib/http/fhir-response.ts
// (FHIR routes) and lib/cds-hooks/respond.ts (CDS Hooks).

import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import { capProblems } from "@/lib/http/problem-cap";

export type IssueCode = OperationOutcomeIssue["code"];
export type IssueSeverity = OperationOutcomeIssue["severity"];

/** The issue code of an error answered with each HTTP status; any other status is "processing". */
export const ISSUE_CODE_OF_STATUS: Readonly<Record<number, IssueCode>> = {
  400: "invalid",
  401: "login",
  403: "forbidden",
  404: "not-found",
  405: "not-supported",
  409: "conflict",
  413: "too-costly",
  415: "not-supported",
};

export const issueCodeOf = (status: number): IssueCode =>
  ISSUE_CODE_OF_STATUS[status] ?? "processing";

/** One issue; `expression` is the FHIRPath of what it is about, when there is one. */
export function outcomeIssue(
  code: IssueCode,
  diagnostics: string,
  { severity = "error", expression }: { severity?: IssueSeverity; expression?: string } = {},
): OperationOutcomeIssue {
  return { severity, code, diagnostics, ...(expression ? { expression: [expression] } : {}) };
}

/** An issue about the element at `expression`, which its text names first. */
export const issueAt = (
  expression: string,
  diagnostics: string,
  code: IssueCode = "invalid",
  severity: IssueSeverity = "error",
) => outcomeIssue(code, `${expression}: ${diagnostics}`, { severity, expression });

/** An OperationOutcome naming the first twenty issues, then how many more there were. */
export function operationOutcome(issues: readonly OperationOutcomeIssue[]): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: capProblems(issues, (n) => outcomeIssue("too-costly", `and ${n} more problems`)),
  };
}

/** The OperationOutcome of an error answered with `status`: one issue per line of text. */
export function errorOutcome(status: number, diagnostics: string | readonly string[]) {
  const lines = typeof diagnostics === "string" ? [diagnostics] : diagnostics;
  return operationOutcome(lines.map((d) => outcomeIssue(issueCodeOf(status), d)));
}

/** An OperationOutcome that only informs (what was recorded, that nothing matched…). */
export const informationOutcome = (diagnostics: string, code: IssueCode = "informational") =>
  operationOutcome([outcomeIssue(code, diagnostics, { severity: "information" })]);
