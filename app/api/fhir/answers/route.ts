import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { serverFhirBase } from "@/lib/http/fhir-base";
import {
  FHIR_JSON,
  asOperationOutcome,
  fhirJson,
  fhirMethodNotAllowed,
} from "@/lib/http/fhir-response";
import { jsonOk } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";

/** POST a QuestionnaireResponse (FHIR JSON): 200 { answers }, or 4xx with an OperationOutcome. */
export async function POST(request: Request) {
  const body = await readJsonBody(request, [FHIR_JSON, "application/json"]);
  if (!body.ok) return asOperationOutcome(body.response);
  const read = answersFromResponse(body.value, serverFhirBase());
  return read.ok ? jsonOk({ answers: read.answers }) : fhirJson(read.outcome, 400);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
