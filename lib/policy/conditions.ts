import type { AnswerValue, Answers, Field } from "./fields";

/** A test on one answer; a list of conditions holds when every one of them holds. */
export type Condition =
  /** `as` names the set of values in sentences ("the diagnosis is a hematologic malignancy"). */
  | { field: Field; in: readonly AnswerValue[]; as?: string }
  | { field: "donorChimerismPercent"; below: number }
  | { field: "donorChimerismPercent"; atLeast: number };

export function holds(condition: Condition, answers: Answers): boolean {
  const value = answers[condition.field];
  if (value === undefined) return false;
  if ("in" in condition) return condition.in.includes(value);
  if (typeof value !== "number") return false;
  return "below" in condition ? value < condition.below : value >= condition.atLeast;
}

export function allHold(conditions: readonly Condition[], answers: Answers): boolean {
  return conditions.every((c) => holds(c, answers));
}
