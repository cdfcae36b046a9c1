import "server-only";
import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { describeIssues, parseAnswers } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { serverFhirBase } from "./fhir-base";
import { FHIR_JSON, fhirJson } from "./fhir-response";
import { jsonError, jsonOk, jsonRefusal, MAX_API_BODY_BYTES } from "./json-response";
import { readJson } from "./read-json";
import { servedEvaluation } from "./served-evaluation";

/** Evaluates under `policy` the answers as JSON, or a QuestionnaireResponse as FHIR JSON. */
export async function evaluateRequest(request: Request, policy: PolicyRules): Promise<Response> {
  const body = await readJson(request, {
    mediaTypes: ["application/json", FHIR_JSON],
    maxBytes: MAX_API_BODY_BYTES,
  });
  if (!body.ok) return jsonRefusal(body.problem);
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
