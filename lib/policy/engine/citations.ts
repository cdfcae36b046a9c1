import { allCitesOf } from "./questions";
import type { PolicyRules } from "./types";

/** For each passage, the questions that cite it, directly or through one of their options. */
export function questionsCiting(policy: Pick<PolicyRules, "questions">): Map<string, string[]> {
  const byPassage = new Map<string, string[]>();
  for (const q of policy.questions)
    for (const id of allCitesOf(q)) byPassage.set(id, [...(byPassage.get(id) ?? []), q.field]);
  return byPassage;
}
