import type {
  OperationOutcome,
  OperationOutcomeIssue,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from "@medplum/fhirtypes";
import { parseAnswers } from "@/lib/policy/engine/answers-schema";
import { isYesNo } from "@/lib/policy/engine/questions";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import {
  codeSystemUrl,
  legacyQuestionnaireUrl,
  namesQuestionnaireOf,
  questionnaireCanonical,
  questionnaireUrl,
} from "./canonical";
import { operationOutcome, outcomeIssue, type IssueCode } from "./outcomes";
import { isObject } from "@/lib/http/parse-json";

const STATUSES = ["in-progress", "completed", "amended", "stopped"];

/** The answers as a QuestionnaireResponse for the policy's Questionnaire, in question order. */
export function answersToResponse(
  policy: PolicyRules,
  answers: Answers,
  status: "in-progress" | "completed",
  base: string,
  extras: Partial<QuestionnaireResponse> = {},
): QuestionnaireResponse {
  const item = policy.questions.flatMap((question): QuestionnaireResponseItem[] => {
    const field = question.field;
    const value = answers[field];
    if (value === undefined) return [];
    const one = (answer: NonNullable<QuestionnaireResponseItem["answer"]>[number]) => [
      { linkId: field, text: question.text, answer: [answer] },
    ];
    if (question.kind === "number") return one({ valueDecimal: value as number });
    if (isYesNo(question)) return one({ valueBoolean: value as boolean });
    const option = question.options.find((o) => o.value === value)!;
    return one({
      valueCoding: {
        system: codeSystemUrl(base, policy, field),
        code: String(option.value),
        display: option.label,
      },
    });
  });
  return {
    resourceType: "QuestionnaireResponse",
    questionnaire: questionnaireCanonical(base, policy),
    status,
    item,
    ...extras,
  };
}

export type FromResponse =
  { ok: true; answers: Answers } | { ok: false; outcome: OperationOutcome };

const problem = (expression: string, diagnostics: string, code: IssueCode = "value") =>
  outcomeIssue(code, diagnostics, { expression });

/**
 * Reads a QuestionnaireResponse for this policy's Questionnaire into answers, or an
 * OperationOutcome naming each problem by its FHIRPath. Yes/no answers are valueBoolean; the
 * coded "true" / "false" of responses made before revision 2 are read too.
 */
export function answersFromResponse(
  policy: PolicyRules,
  resource: unknown,
  base: string,
): FromResponse {
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
  if (!namesQuestionnaireOf(base, policy, resource.questionnaire))
    issues.push(
      problem(
        "QuestionnaireResponse.questionnaire",
        `must be ${questionnaireCanonical(base, policy)} (or ${questionnaireUrl(base, policy)}, or ${legacyQuestionnaireUrl(policy)}).`,
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
  const pathOf: Record<string, string> = {};
  const questionOf = new Map(policy.questions.map((q) => [q.field, q]));
  items.forEach((entry: unknown, i) => {
    const at = `QuestionnaireResponse.item[${i}]`;
    if (!isObject(entry) || typeof entry.linkId !== "string")
      return issues.push(problem(at, "must be an item with a linkId.", "structure"));
    const field = entry.linkId;
    const question = questionOf.get(field);
    if (!question)
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
    const system = isYesNo(question) ? undefined : codeSystemUrl(base, policy, field);
    if (coding.system !== undefined && system !== undefined && coding.system !== system)
      return issues.push(
        problem(`${at}.answer[0].valueCoding.system`, `must be ${system} (or left out).`),
      );
    raw[field] = option.value;
    pathOf[field] = `${at}.answer[0].valueCoding.code`;
  });

  // Values the items carried are checked by the answers schema too, so every problem is named.
  const parsed = parseAnswers(policy, raw);
  if (!parsed.ok)
    for (const issue of parsed.issues)
      issues.push(problem(pathOf[issue.path] ?? "QuestionnaireResponse", issue.message));
  if (issues.length || !parsed.ok) return fail();
  return { ok: true, answers: parsed.answers };
}
