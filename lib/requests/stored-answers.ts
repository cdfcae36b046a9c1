import * as z from "zod/mini";
import {
  fieldIssues,
  parseAnswers,
  type FieldIssue,
  type ParseResult,
} from "@/lib/policy/engine/answers-schema";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";

// Answers to and from the JSON text a request row stores them as: the one place that converts.
// What is read back goes through a schema (never a cast): the policy's own strict answers schema
// where the policy version is at hand, otherwise the engine's answer values (true or false, a
// number, an option's text), so a row that holds anything else is refused, naming where.

/** Every stored answer is one of the engine's answer values, whatever the policy. */
export const ANY_ANSWERS = z.record(z.string(), z.union([z.boolean(), z.number(), z.string()]), {
  error: "must be a JSON object of answers",
});

/** The answers as the text a request row stores. */
export const answersToJson = (answers: Answers): string => JSON.stringify(answers);

/**
 * Answers read back from a row's text: through the strict schema of `policy` (the version the
 * request is judged under) when given, else as answer values of any field.
 */
export function answersFromJson(
  json: string,
  policy?: Pick<PolicyRules, "questions">,
): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, issues: [{ path: "(body)", message: "is not JSON" }] };
  }
  if (policy) return parseAnswers(policy, value);
  const parsed = ANY_ANSWERS.safeParse(value);
  return parsed.success
    ? { ok: true, answers: parsed.data }
    : { ok: false, issues: fieldIssues({ questions: [] }, parsed.error.issues) };
}

/**
 * The stored answers of request `reference`, or a clear error naming the fields that do not fit
 * (never their values, which are patient data): a row the code cannot read is not guessed at.
 */
export function storedAnswers(
  reference: string,
  json: string,
  policy?: Pick<PolicyRules, "questions">,
): Answers {
  const read = answersFromJson(json, policy);
  if (!read.ok) throw new StoredAnswersError(reference, read.issues);
  return read.answers;
}

export class StoredAnswersError extends Error {
  constructor(
    readonly reference: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(
      `The stored answers of request ${reference} cannot be read: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
    );
    this.name = "StoredAnswersError";
  }
}
