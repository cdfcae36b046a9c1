// Pure: how many problems an error body names. A body can be wrong in as many ways as it has
// parts; the answer names the first ones and counts the rest, so it stays small whatever came in.

export const MAX_PROBLEMS = 20;

/** The first MAX_PROBLEMS of `problems`, and one more made by `more` counting the rest. */
export function capProblems<T>(problems: readonly T[], more: (count: number) => T): T[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), more(problems.length - MAX_PROBLEMS)];
}
