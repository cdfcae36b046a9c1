import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { serverFhirBase } from "@/lib/http/fhir-base";
import {
  FHIR_JSON,
  asOperationOutcome,
  fhirError,
  fhirJson,
  fhirMethodNotAllowed,
} from "@/lib/http/fhir-response";
import { jsonOk } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { policies } from "@/lib/server/policies";

/**
 * POST a QuestionnaireResponse (FHIR JSON) for `?policy=` (the first policy by default):
 * 200 { answers }, or 4xx with an OperationOutcome.
 */
export async function POST(request: Request) {
  const body = await readJsonBody(request, [FHIR_JSON, "application/json"]);
  if (!body.ok) return asOperationOutcome(body.response);
  const id = new URL(request.url).searchParams.get("policy") ?? policies.defaultId;
  const policy = policies.getPolicy(id);
  if (!policy) return fhirError(404, "not-found", `No policy ${id}; GET /api/policies lists them.`);
  const read = answersFromResponse(policy, body.value, serverFhirBase());
  return read.ok ? jsonOk({ answers: read.answers }) : fhirJson(read.outcome, 400);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
