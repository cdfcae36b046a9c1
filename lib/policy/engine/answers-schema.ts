import * as z from "zod/mini";
import { isYesNo } from "./questions";
import type { Answers, PolicyRules, Question } from "./types";

// One spelling of a policy's answer format: the strict zod schema is derived from its questions,
// and the form (in the browser), the API and the FHIR reader all validate with it.

function fieldSchema(question: Question) {
  if (question.kind === "number") {
    const message = `must be a number from ${question.min} to ${question.max}`;
    return z.optional(
      z
        .number({ error: message })
        .check(z.gte(question.min, { error: message }), z.lte(question.max, { error: message })),
    );
  }
  if (isYesNo(question)) return z.optional(z.boolean({ error: "must be true or false" }));
  const values = question.options.map((o) => String(o.value)) as [string, ...string[]];
  return z.optional(z.enum(values, { error: `must be one of: ${values.join(", ")}` }));
}

type AnswersSchema = ReturnType<typeof build>;
const build = (policy: Pick<PolicyRules, "questions">) =>
  z.strictObject(
    Object.fromEntries(policy.questions.map((q) => [q.field, fieldSchema(q)])) as Record<
      string,
      ReturnType<typeof fieldSchema>
    >,
    { error: "must be a JSON object of answers" },
  );

const SCHEMAS = new WeakMap<readonly Question[], AnswersSchema>();

/** The policy's answers as a strict zod schema: unknown keys and values are errors. */
export function answersSchemaFor(policy: Pick<PolicyRules, "questions">): AnswersSchema {
  let schema = SCHEMAS.get(policy.questions);
  if (!schema) {
    schema = build(policy);
    SCHEMAS.set(policy.questions, schema);
  }
  return schema;
}

export interface FieldIssue {
  /** Dotted path of the wrong field; "(body)" for the answers object itself. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; answers: Answers } | { ok: false; issues: FieldIssue[] };

const ROOT = "(body)";

/** The message for a key the answers do not have, naming the ones they do. */
export const unknownFieldMessage = (policy: Pick<PolicyRules, "questions">) =>
  `is not a field of these answers (the fields are: ${policy.questions.map((q) => q.field).join(", ")})`;

/** Every issue of a failed parse, an unknown key each on its own, under an optional prefix. */
export function fieldIssues(
  policy: Pick<PolicyRules, "questions">,
  issues: readonly z.core.$ZodIssue[],
): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({
        path: prefix ? `${prefix}.${key}` : key,
        message: unknownFieldMessage(policy),
      }));
    return [{ path: prefix || ROOT, message: issue.message }];
  });
}

export function parseAnswers(policy: Pick<PolicyRules, "questions">, input: unknown): ParseResult {
  const result = answersSchemaFor(policy).safeParse(input);
  if (result.success) return { ok: true, answers: result.data as Answers };
  return { ok: false, issues: fieldIssues(policy, result.error.issues) };
}

/** One sentence naming what is wrong, for the top of an error response. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  const paths = [...new Set(issues.map((i) => i.path))];
  const noun = paths.length === 1 ? "answer is" : "answers are";
  return `${paths.length} ${noun} not valid: ${paths.join(", ")}.`;
}

/** Why one answer is not valid, or undefined when it is valid or not given. */
export function fieldIssue(
  policy: Pick<PolicyRules, "questions">,
  field: string,
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  const result = answersSchemaFor(policy).shape[field]?.safeParse(value);
  if (!result) return unknownFieldMessage(policy);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The answers in `input` that are valid, each field on its own; anything else is dropped. */
export function keepValidAnswers(policy: Pick<PolicyRules, "questions">, input: unknown): Answers {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return {};
  const kept: Answers = {};
  for (const { field } of policy.questions) {
    const value: unknown = (input as Record<string, unknown>)[field];
    if (value !== undefined && fieldIssue(policy, field, value) === undefined)
      kept[field] = value as Answers[string];
  }
  return kept;
}
