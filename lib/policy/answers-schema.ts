import * as z from "zod/mini";
import {
  BOOST_INDICATIONS,
  CHIMERISM_MAX,
  CHIMERISM_MIN,
  DIAGNOSES,
  DLI_INDICATIONS,
  FIELDS,
  PRIOR_TRANSPLANTS,
  SERVICES,
  type Answers,
  type Field,
} from "./fields";

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.optional(z.enum(values, { error: `must be one of: ${values.join(", ")}` }));

const yesNo = z.optional(z.boolean({ error: "must be true or false" }));

const chimerismMessage = `must be a number from ${CHIMERISM_MIN} to ${CHIMERISM_MAX}`;

export const answersSchema = z.strictObject(
  {
    service: oneOf(SERVICES),
    diagnosis: oneOf(DIAGNOSES),
    dliIndication: oneOf(DLI_INDICATIONS),
    priorTransplant: oneOf(PRIOR_TRANSPLANTS),
    sameDonor: yesNo,
    preparativeRegimen: yesNo,
    boostIndication: oneOf(BOOST_INDICATIONS),
    donorChimerismPercent: z.optional(
      z
        .number({ error: chimerismMessage })
        .check(
          z.gte(CHIMERISM_MIN, { error: chimerismMessage }),
          z.lte(CHIMERISM_MAX, { error: chimerismMessage }),
        ),
    ),
  },
  { error: "must be a JSON object of answers" },
);

// The schema and the hand-written Answers type must describe the same wire format.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesAnswers: Same<z.infer<typeof answersSchema>, Answers> = true;
void schemaMatchesAnswers;

export interface FieldIssue {
  /** Dotted path of the wrong field; "(body)" for the answers object itself. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; answers: Answers } | { ok: false; issues: FieldIssue[] };

const ROOT = "(body)";

export function parseAnswers(input: unknown): ParseResult {
  const result = answersSchema.safeParse(input);
  if (result.success) return { ok: true, answers: result.data };
  const issues = result.error.issues.flatMap((issue): FieldIssue[] => {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: prefix ? `${prefix}.${key}` : key,
        message: `is not a field of these answers (the fields are: ${FIELDS.join(", ")})`,
      }));
    }
    return [{ path: prefix || ROOT, message: issue.message }];
  });
  return { ok: false, issues };
}

/** One sentence naming what is wrong, for the top of an error response. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  const paths = [...new Set(issues.map((i) => i.path))];
  const noun = paths.length === 1 ? "answer is" : "answers are";
  return `${paths.length} ${noun} not valid: ${paths.join(", ")}.`;
}

/** Why one answer is not valid, or undefined when it is valid or not given. */
export function fieldIssue(field: Field, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const result = answersSchema.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The answers in `input` that are valid, each field on its own; anything else is dropped. */
export function keepValidAnswers(input: unknown): Answers {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return {};
  const kept: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value: unknown = (input as Record<string, unknown>)[field];
    if (value !== undefined && fieldIssue(field, value) === undefined) kept[field] = value;
  }
  return kept as Answers;
}
