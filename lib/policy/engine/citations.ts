import type { PolicyRules } from "./types";

/** For each passage, the questions that cite it, directly or through one of their options. */
export function questionsCiting(policy: Pick<PolicyRules, "questions">): Map<string, string[]> {
  const byPassage = new Map<string, string[]>();
  for (const q of policy.questions) {
    const ids = new Set([
      ...q.cites,
      ...(q.kind === "choice" ? q.options.flatMap((o) => o.cites) : []),
    ]);
    for (const id of ids) byPassage.set(id, [...(byPassage.get(id) ?? []), q.field]);
  }
  return byPassage;
}
