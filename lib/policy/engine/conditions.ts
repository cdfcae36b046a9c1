import type { Answers, Condition } from "./types";

export function holds(condition: Condition, answers: Answers): boolean {
  const value = answers[condition.field];
  if (value === undefined) return false;
  if ("in" in condition) return condition.in.includes(value);
  if (typeof value !== "number") return false;
  return "below" in condition ? value < condition.below : value >= condition.atLeast;
}

/** Whether the conditions hold, or still may: each holds or its answer is not given yet. */
export function mayHold(conditions: readonly Condition[], answers: Answers): boolean {
  return conditions.every((c) => answers[c.field] === undefined || holds(c, answers));
}

export function allHold(conditions: readonly Condition[], answers: Answers): boolean {
  return conditions.every((c) => holds(c, answers));
}
