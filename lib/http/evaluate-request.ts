import "server-only";
import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { describeIssues, parseAnswers } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { serverFhirBase } from "./fhir-base";
import { FHIR_JSON, fhirJson } from "./fhir-response";
import { jsonError, jsonOk } from "./json-response";
import { readJsonBody } from "./read-json-body";
import { servedEvaluation } from "./served-evaluation";

/** Evaluates under `policy` the answers as JSON, or a QuestionnaireResponse as FHIR JSON. */
export async function evaluateRequest(request: Request, policy: PolicyRules): Promise<Response> {
  const body = await readJsonBody(request, ["application/json", FHIR_JSON]);
  if (!body.ok) return body.response;
  if (body.mediaType === FHIR_JSON) {
    const read = answersFromResponse(policy, body.value, serverFhirBase());
    return read.ok
      ? jsonOk(servedEvaluation(policy, evaluate(policy, read.answers)))
      : fhirJson(read.outcome, 400);
  }
  const parsed = parseAnswers(policy, body.value);
  if (!parsed.ok) return jsonError(400, describeIssues(parsed.issues), parsed.issues);
  return jsonOk(servedEvaluation(policy, evaluate(policy, parsed.answers)));
}
