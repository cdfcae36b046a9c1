import "server-only";
import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { operationOutcome } from "@/lib/fhir/questionnaire-response";
import { everyMethod } from "./every-method";

export const FHIR_JSON = "application/fhir+json";

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

/** A FHIR route's error: an OperationOutcome with one issue, never HTML. */
export function fhirError(
  status: number,
  code: OperationOutcomeIssue["code"],
  diagnostics: string,
  headers: HeadersInit = {},
): Response {
  return fhirJson(operationOutcome([{ severity: "error", code, diagnostics }]), status, headers);
}

const ISSUE_CODE: Record<number, OperationOutcomeIssue["code"]> = {
  400: "invalid",
  404: "not-found",
  405: "not-supported",
  413: "too-costly",
  415: "not-supported",
};

/** One of this project's JSON errors (lib/http/json-response.ts) as an OperationOutcome. */
export async function asOperationOutcome(response: Response): Promise<Response> {
  const body = (await response.json()) as {
    error: string;
    issues?: { path: string; message: string }[];
  };
  const issues: OperationOutcomeIssue[] = [
    {
      severity: "error",
      code: ISSUE_CODE[response.status] ?? "processing",
      diagnostics: body.error,
    },
    ...(body.issues ?? []).map((i) => ({
      severity: "error" as const,
      code: "invalid" as const,
      diagnostics: `${i.path}: ${i.message}`,
    })),
  ];
  const headers = new Headers(response.headers);
  headers.delete("content-type");
  return fhirJson(operationOutcome(issues), response.status, Object.fromEntries(headers));
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
