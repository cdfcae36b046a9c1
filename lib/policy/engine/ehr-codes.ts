import type { AnswerValue, Answers, PolicyRules } from "./types";

// Codes an EHR holds (a Condition's ICD-10-CM code, a Procedure's CPT or ICD-10-PCS code), read
// by a policy package as proposals for its answers, for a questionnaire opened from the EHR. A
// code proves that something happened, not what did not happen: a proposal is only ever shown to
// the physician to confirm, with the code, its title and its date beside it; a hint is shown
// beside a question and is never an answer.

export interface EhrCode {
  resource: "Condition" | "Procedure";
  system: string;
  code: string;
  /** The EHR's own text for the code: shown only as secondary, escaped text. */
  display?: string;
  /** Procedure performed[x], Condition onset[x], else recordedDate (YYYY-MM-DD…); none recorded: absent. */
  date?: string;
  /**
   * A Condition in an active, recurrence, relapse or remission status is "current"; an inactive,
   * resolved or status-less one is "history" (read only where a package says so). A completed
   * Procedure is "current".
   */
  status: "current" | "history";
}

/** One code behind a proposal or a hint, as the physician sees it. */
export interface EhrEvidence {
  system: string;
  code: string;
  /** The package's own title for the code (never the EHR's text). */
  title: string;
  /** The EHR's display text, if it sent one. */
  display?: string;
  /** YYYY-MM-DD, or null when the EHR recorded no date. */
  date: string | null;
}

export interface EhrHint {
  /** The question it is shown beside. */
  field: string;
  text: string;
  evidence: readonly EhrEvidence[];
}

/** What a package reads from a patient's codes: proposals to confirm, and hints. */
export interface EhrPrefill {
  answers: Answers;
  /** For each proposed answer, the codes that propose it. */
  evidence: Record<string, readonly EhrEvidence[]>;
  hints: readonly EhrHint[];
}

export const NO_PREFILL: EhrPrefill = { answers: {}, evidence: {}, hints: [] };

/** A package's reader of EHR codes (pure): see rules-0261.md "Answers prefilled from EHR data". */
export type EhrReader = (codes: readonly EhrCode[]) => EhrPrefill;

/** The CPT code system (AMA): the billing codes a policy's services are named by. */
export const CPT_SYSTEM = "http://www.ama-assn.org/go/cpt";

/** "c92.10" and "C9210" are the same code; dots and case carry no meaning. */
export const normalizeCode = (code: string) => code.trim().toUpperCase().replace(/\./g, "");

/** A code of a plausible shape for ICD-10 and CPT (3 to 7 letters and digits once normalized). */
export const isCodeShaped = (code: string) => /^[A-Z0-9]{3,7}$/.test(normalizeCode(code));

export interface CodeFamily<V = unknown> {
  /** The code, or the category it heads ("C92.1" heads C92.10, C92.11, C92.12). */
  code: string;
  /** The code system's own title for it. */
  title: string;
  /** What the family means to the package (an answer value, or null for "nothing"). */
  value: V;
}

/**
 * The most specific family a code falls in: the longest family code that heads it, so that an
 * exception inside a category ("D56.3" inside "D56") wins over the category.
 */
export function familyOf<V>(
  families: readonly CodeFamily<V>[],
  code: string,
): CodeFamily<V> | undefined {
  const normalized = normalizeCode(code);
  if (!isCodeShaped(code)) return undefined;
  let best: CodeFamily<V> | undefined;
  for (const family of families) {
    const head = normalizeCode(family.code);
    if (normalized.startsWith(head) && (!best || head.length > normalizeCode(best.code).length))
      best = family;
  }
  return best;
}

/** How the physician sees one code: our title, the EHR's text apart, its date or none. */
export function evidenceOf(found: EhrCode, title: string): EhrEvidence {
  const date = found.date && /^\d{4}-\d{2}-\d{2}/.test(found.date) ? found.date.slice(0, 10) : null;
  return {
    system: found.system,
    code: found.code.trim(),
    title,
    ...(found.display ? { display: found.display } : {}),
    date,
  };
}

/** The answer a service's billing code gives: the option that names that CPT code. */
export function answerForCpt(
  policy: Pick<PolicyRules, "questions">,
  cpt: string,
): { field: string; value: AnswerValue } | undefined {
  for (const question of policy.questions)
    if (question.kind === "choice") {
      const option = question.options.find((o) => o.cpt === cpt);
      if (option) return { field: question.field, value: option.value };
    }
  return undefined;
}
