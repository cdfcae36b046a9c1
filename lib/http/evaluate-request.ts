import "server-only";
import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { describeIssues, parseAnswers } from "@/lib/policy/answers-schema";
import { evaluate } from "@/lib/policy/evaluate";
import { serverFhirBase } from "./fhir-base";
import { FHIR_JSON, fhirJson } from "./fhir-response";
import { jsonError, jsonOk } from "./json-response";
import { readJsonBody } from "./read-json-body";

/** POST /api/evaluate: the answers as JSON, or a QuestionnaireResponse as FHIR JSON. */
export async function evaluateRequest(request: Request): Promise<Response> {
  const body = await readJsonBody(request, ["application/json", FHIR_JSON]);
  if (!body.ok) return body.response;
  if (body.mediaType === FHIR_JSON) {
    const read = answersFromResponse(body.value, serverFhirBase());
    return read.ok ? jsonOk(evaluate(read.answers)) : fhirJson(read.outcome, 400);
  }
  const parsed = parseAnswers(body.value);
  if (!parsed.ok) return jsonError(400, describeIssues(parsed.issues), parsed.issues);
  return jsonOk(evaluate(parsed.answers));
}
