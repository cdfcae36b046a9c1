import { evaluate } from "./evaluate";
import { getQuestion, isOffered } from "./questions";
import { INCOMPLETE, type AnswerValue, type Answers, type PolicyRules } from "./types";

/**
 * How many questions this case will take if each remaining answer lets it go on: the asked
 * questions so far plus the longest way ahead. The "of N" in "Step 3 of N".
 */
export function plannedStepCount(policy: PolicyRules, answers: Answers): number {
  let current = answers;
  for (let guard = 0; guard <= policy.questions.length; guard++) {
    const result = evaluate(policy, current);
    if (!result.nextQuestion) return result.asked.length;
    const question = getQuestion(policy, result.nextQuestion);
    const candidates: readonly AnswerValue[] =
      question.kind === "choice"
        ? question.options.filter((o) => isOffered(o, current)).map((o) => o.value)
        : [];
    const goesOn = candidates
      .map((value): Answers => ({ ...current, [question.field]: value }))
      .find((next) => evaluate(policy, next).determination === INCOMPLETE);
    if (!goesOn) return result.asked.length;
    current = goesOn;
  }
  return policy.questions.length;
}
