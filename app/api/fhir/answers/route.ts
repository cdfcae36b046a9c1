import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { serverFhirBase } from "@/lib/http/fhir-base";
import {
  FHIR_JSON,
  fhirError,
  fhirJson,
  fhirMethodNotAllowed,
  fhirRefusal,
} from "@/lib/http/fhir-response";
import { jsonOk, MAX_API_BODY_BYTES } from "@/lib/http/json-response";
import { readJson } from "@/lib/http/read-json";
import { policies } from "@/lib/server/policies";

/**
 * POST a QuestionnaireResponse (FHIR JSON) for `?policy=` (the first policy by default):
 * 200 { answers }, or 4xx with an OperationOutcome.
 */
export async function POST(request: Request) {
  const body = await readJson(request, {
    mediaTypes: [FHIR_JSON, "application/json"],
    maxBytes: MAX_API_BODY_BYTES,
  });
  if (!body.ok) return fhirRefusal(body.problem);
  const id = new URL(request.url).searchParams.get("policy") ?? policies.defaultId;
  const policy = policies.getPolicy(id);
  if (!policy) return fhirError(404, "not-found", `No policy ${id}; GET /api/policies lists them.`);
  const read = answersFromResponse(policy, body.value, serverFhirBase());
  return read.ok ? jsonOk({ answers: read.answers }) : fhirJson(read.outcome, 400);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
