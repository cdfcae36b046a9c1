import type {
  OperationOutcome,
  OperationOutcomeIssue,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from "@medplum/fhirtypes";
import { parseAnswers } from "@/lib/policy/answers-schema";
import { FIELDS, type Answers, type Field } from "@/lib/policy/fields";
import { getQuestion } from "@/lib/policy/questions";
import { acceptedQuestionnaireUrls, codeSystemUrl, questionnaireCanonical } from "./canonical";
import { isYesNo } from "./items";

const STATUSES = ["in-progress", "completed", "amended", "stopped"];

/** The answers as a QuestionnaireResponse for this policy's Questionnaire, fields in gate order. */
export function answersToResponse(
  answers: Answers,
  status: "in-progress" | "completed",
  base: string,
  extras: Partial<QuestionnaireResponse> = {},
): QuestionnaireResponse {
  const item = FIELDS.flatMap((field): QuestionnaireResponseItem[] => {
    const value = answers[field];
    if (value === undefined) return [];
    const question = getQuestion(field);
    const one = (answer: NonNullable<QuestionnaireResponseItem["answer"]>[number]) => [
      { linkId: field, text: question.text, answer: [answer] },
    ];
    if (question.kind === "number") return one({ valueDecimal: value as number });
    if (isYesNo(question)) return one({ valueBoolean: value as boolean });
    const option = question.options.find((o) => o.value === value)!;
    return one({
      valueCoding: {
        system: codeSystemUrl(base, field),
        code: String(option.value),
        display: option.label,
      },
    });
  });
  return {
    resourceType: "QuestionnaireResponse",
    questionnaire: questionnaireCanonical(base),
    status,
    item,
    ...extras,
  };
}

export type FromResponse =
  { ok: true; answers: Answers } | { ok: false; outcome: OperationOutcome };

export function operationOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: issues };
}

const problem = (
  expression: string,
  diagnostics: string,
  code: OperationOutcomeIssue["code"] = "value",
) => ({
  severity: "error" as const,
  code,
  diagnostics,
  expression: [expression],
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a QuestionnaireResponse for this policy's Questionnaire into answers, or an
 * OperationOutcome naming each problem by its FHIRPath. Yes/no answers are valueBoolean; the
 * coded "true" / "false" of responses made before revision 2 are read too.
 */
export function answersFromResponse(resource: unknown, base: string): FromResponse {
  const issues: OperationOutcomeIssue[] = [];
  const fail = () => ({ ok: false as const, outcome: operationOutcome(issues) });
  if (!isObject(resource) || resource.resourceType !== "QuestionnaireResponse") {
    issues.push(
      problem(
        "QuestionnaireResponse",
        "The body must be a QuestionnaireResponse resource.",
        "structure",
      ),
    );
    return fail();
  }
  const accepted = acceptedQuestionnaireUrls(base);
  if (!accepted.includes(resource.questionnaire as string))
    issues.push(
      problem(
        "QuestionnaireResponse.questionnaire",
        `must be ${questionnaireCanonical(base)} (or one of: ${accepted.filter((u) => u !== questionnaireCanonical(base)).join(", ")}).`,
        "not-supported",
      ),
    );
  if (typeof resource.status !== "string" || !STATUSES.includes(resource.status))
    issues.push(problem("QuestionnaireResponse.status", `must be one of: ${STATUSES.join(", ")}.`));
  const items = resource.item ?? [];
  if (!Array.isArray(items)) {
    issues.push(problem("QuestionnaireResponse.item", "must be an array of items.", "structure"));
    return fail();
  }

  const raw: Record<string, unknown> = {};
  const pathOf: Partial<Record<Field, string>> = {};
  items.forEach((entry: unknown, i) => {
    const at = `QuestionnaireResponse.item[${i}]`;
    if (!isObject(entry) || typeof entry.linkId !== "string")
      return issues.push(problem(at, "must be an item with a linkId.", "structure"));
    const field = entry.linkId as Field;
    if (!FIELDS.includes(field))
      return issues.push(
        problem(
          `${at}.linkId`,
          `${JSON.stringify(entry.linkId)} is not an item of this Questionnaire.`,
        ),
      );
    if (field in raw)
      return issues.push(problem(`${at}.linkId`, `${field} is answered more than once.`));
    const answers = entry.answer ?? [];
    if (!Array.isArray(answers) || answers.length > 1)
      return issues.push(problem(`${at}.answer`, "must hold at most one answer.", "structure"));
    const answer: unknown = answers[0];
    if (answer === undefined) return;
    const question = getQuestion(field);
    if (question.kind === "number") {
      const value = isObject(answer) ? (answer.valueDecimal ?? answer.valueInteger) : undefined;
      if (typeof value !== "number")
        return issues.push(problem(`${at}.answer[0].valueDecimal`, "must be a decimal number."));
      raw[field] = value;
      pathOf[field] = `${at}.answer[0].valueDecimal`;
      return;
    }
    if (isYesNo(question) && isObject(answer) && "valueBoolean" in answer) {
      if (typeof answer.valueBoolean !== "boolean")
        return issues.push(problem(`${at}.answer[0].valueBoolean`, "must be true or false."));
      raw[field] = answer.valueBoolean;
      pathOf[field] = `${at}.answer[0].valueBoolean`;
      return;
    }
    const coding = isObject(answer) && isObject(answer.valueCoding) ? answer.valueCoding : {};
    const option = question.options.find((o) => String(o.value) === coding.code);
    const expected = isYesNo(question)
      ? "must be a valueBoolean (true or false)"
      : `must be one of: ${question.options.map((o) => String(o.value)).join(", ")}`;
    if (!option) return issues.push(problem(`${at}.answer[0].valueCoding.code`, `${expected}.`));
    // A coding from another code system is another question's value, however it is spelled.
    const system = isYesNo(question) ? undefined : codeSystemUrl(base, field);
    if (coding.system !== undefined && system !== undefined && coding.system !== system)
      return issues.push(
        problem(`${at}.answer[0].valueCoding.system`, `must be ${system} (or left out).`),
      );
    raw[field] = option.value;
    pathOf[field] = `${at}.answer[0].valueCoding.code`;
  });

  // Values the items carried are checked by the answers schema too, so every problem is named.
  const parsed = parseAnswers(raw);
  if (!parsed.ok)
    for (const issue of parsed.issues)
      issues.push(problem(pathOf[issue.path as Field] ?? "QuestionnaireResponse", issue.message));
  if (issues.length || !parsed.ok) return fail();
  return { ok: true, answers: parsed.answers };
}
