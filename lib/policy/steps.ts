import { evaluate } from "./evaluate";
import { FIELDS, type AnswerValue, type Answers } from "./fields";
import { getQuestion } from "./questions";

/**
 * How many questions this case will take if each remaining answer lets it go on: the asked
 * questions so far plus the longest way ahead. The "of N" in "Step 3 of N".
 */
export function plannedStepCount(answers: Answers): number {
  let current = answers;
  for (let guard = 0; guard <= FIELDS.length; guard++) {
    const result = evaluate(current);
    if (!result.nextQuestion) return result.asked.length;
    const question = getQuestion(result.nextQuestion);
    const candidates: readonly AnswerValue[] =
      question.kind === "choice" ? question.options.map((o) => o.value) : [];
    const goesOn = candidates
      .map((value): Answers => ({ ...current, [question.field]: value }))
      .find((next) => evaluate(next).determination === "incomplete");
    if (!goesOn) return result.asked.length;
    current = goesOn;
  }
  return FIELDS.length;
}
