import "server-only";
import { describeIssues, parseAnswers } from "@/lib/policy/answers-schema";
import { evaluate } from "@/lib/policy/evaluate";
import { jsonError, jsonOk } from "./json-response";
import { readJsonBody } from "./read-json-body";

export async function evaluateRequest(request: Request): Promise<Response> {
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = parseAnswers(body.value);
  if (!parsed.ok) return jsonError(400, describeIssues(parsed.issues), parsed.issues);
  return jsonOk(evaluate(parsed.answers));
}
