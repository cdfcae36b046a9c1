import { keepValidAnswers } from "@/lib/policy/answers-schema";
import { FIELDS, type Answers, type Field } from "@/lib/policy/fields";
import { POLICY } from "@/lib/policy/policy-meta";

// A draft holds the policy answers only, never patient identifiers, so the browser may keep it.
const KEY = `draft:${POLICY.id}:${POLICY.version}`;

export type View = Field | "review";

export interface Draft {
  answers: Answers;
  view: View;
}

export function loadDraft(): Draft | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return undefined;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== "object" || data === null) return undefined;
    const { answers, view } = data as Record<string, unknown>;
    const known = view === "review" || FIELDS.includes(view as Field);
    return { answers: keepValidAnswers(answers), view: known ? (view as View) : "service" };
  } catch {
    return undefined;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just won't survive a reload.
  }
}

export function clearDraft(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {}
}
