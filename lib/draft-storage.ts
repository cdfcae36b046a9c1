import { keepValidAnswers } from "@/lib/policy/engine/answers-schema";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";

// A draft holds the policy answers only, never patient identifiers, so the browser may keep it.
const keyOf = (policy: Pick<PolicyRules, "id" | "version">) =>
  `draft:${policy.id}:${policy.version}`;

/** The step shown: a question's field, or the review. */
export type View = string;

export interface Draft {
  answers: Answers;
  view: View;
}

export function loadDraft(policy: Pick<PolicyRules, "id" | "version" | "questions">) {
  try {
    const raw = window.localStorage.getItem(keyOf(policy));
    if (!raw) return undefined;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== "object" || data === null) return undefined;
    const { answers, view } = data as Record<string, unknown>;
    const known = view === "review" || policy.questions.some((q) => q.field === view);
    return {
      answers: keepValidAnswers(policy, answers),
      view: known ? (view as View) : policy.questions[0]!.field,
    } satisfies Draft;
  } catch {
    return undefined;
  }
}

export function saveDraft(policy: Pick<PolicyRules, "id" | "version">, draft: Draft): void {
  try {
    window.localStorage.setItem(keyOf(policy), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just won't survive a reload.
  }
}

export function clearDraft(policy: Pick<PolicyRules, "id" | "version">): void {
  try {
    window.localStorage.removeItem(keyOf(policy));
  } catch {}
}
