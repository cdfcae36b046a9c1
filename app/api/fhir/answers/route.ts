import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { FHIR_JSON } from "@/lib/http/evaluate-request";
import { fhirJson } from "@/lib/http/fhir-response";
import { jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";

/** POST a QuestionnaireResponse (FHIR JSON): 200 { answers }, or 400 with an OperationOutcome. */
export async function POST(request: Request) {
  const body = await readJsonBody(request, [FHIR_JSON, "application/json"]);
  if (!body.ok) return body.response;
  const read = answersFromResponse(body.value);
  return read.ok ? jsonOk({ answers: read.answers }) : fhirJson(read.outcome, 400);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
