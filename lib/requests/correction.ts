import { parseAnswers, type FieldIssue } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { INCOMPLETE, type Answers, type PolicyRules } from "@/lib/policy/engine/types";
import type { CorrectedAnswers } from "./transitions";

// Pure: corrected answers a physician's reply or appeal, or an EHR's CDex submission, sends,
// read under the request's policy. One reading for every path that corrects answers.

/**
 * Undefined when none were sent or nothing changed; the field issues (under `answers.`) when they
 * do not decide the case; otherwise the answers with their evaluation.
 */
export function readCorrection(
  request: { answers: Answers },
  policy: PolicyRules,
  answers: Record<string, unknown> | undefined,
): CorrectedAnswers | { ok: false; issues: FieldIssue[] } | undefined {
  if (!answers) return undefined;
  const parsed = parseAnswers(policy, answers);
  if (!parsed.ok)
    return {
      ok: false,
      issues: parsed.issues.map((i) => ({ ...i, path: `answers.${i.path}` })),
    };
  const evaluation = evaluate(policy, parsed.answers);
  if (evaluation.determination === INCOMPLETE)
    return {
      ok: false,
      issues: [
        {
          path: `answers.${evaluation.nextQuestion}`,
          message: evaluation.decidedBy.reason,
        },
      ],
    };
  return JSON.stringify(parsed.answers) === JSON.stringify(request.answers)
    ? undefined
    : { answers: parsed.answers, evaluation };
}
