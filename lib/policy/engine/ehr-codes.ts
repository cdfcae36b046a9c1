import type { AnswerValue, Answers, PolicyRules } from "./types";

// Codes an EHR holds (a Condition's ICD-10-CM code, a Procedure's CPT code) read as answers to a
// policy's questions, for a questionnaire opened from the EHR. Only what a package lists is read:
// a code outside its tables answers nothing, and codes that point two ways answer nothing either.
// Every answer found here is shown to the physician as "from the EHR" to confirm, never as theirs.

export interface CodeFamily {
  /** The code, or the category it heads ("C92.1" heads C92.10, C92.11, C92.12). */
  code: string;
  /** The code system's own title for it. */
  title: string;
}

export interface EhrCodeRule<F extends string = string> {
  /** The FHIR resource the code is read from. */
  resource: "Condition" | "Procedure";
  system: string;
  /** "category": the code and every code under it; "exact": that code only. */
  match: "category" | "exact";
  families: readonly CodeFamily[];
  field: F;
  value: AnswerValue;
}

export interface EhrCode {
  resource: "Condition" | "Procedure";
  system: string;
  code: string;
}

/** "c92.10" and "C9210" are the same ICD-10-CM code; dots and case carry no meaning. */
const normalize = (code: string) => code.trim().toUpperCase().replace(/\./g, "");

function matches(rule: EhrCodeRule, found: EhrCode): boolean {
  if (rule.resource !== found.resource || rule.system !== found.system) return false;
  const code = normalize(found.code);
  if (!/^[A-Z0-9]{3,8}$/.test(code)) return false;
  return rule.families.some(({ code: family }) =>
    rule.match === "exact" ? code === normalize(family) : code.startsWith(normalize(family)),
  );
}

/** The rule a code falls under, if any (for tests and explanations). */
export function ruleFor(rules: readonly EhrCodeRule[], found: EhrCode): EhrCodeRule | undefined {
  return rules.find((rule) => matches(rule, found));
}

/**
 * The answers these codes give, field by field. A field two codes answer differently (an AML
 * and an ALL diagnosis, an allogeneic and an autologous transplant) is left unanswered: the
 * physician answers it. Only fields the policy asks and values it offers are ever returned.
 */
export function answersFromCodes(
  policy: Pick<PolicyRules, "questions">,
  rules: readonly EhrCodeRule[],
  codes: readonly EhrCode[],
): Answers {
  const values = new Map<string, Set<AnswerValue>>();
  for (const found of codes)
    for (const rule of rules)
      if (matches(rule, found)) {
        const set = values.get(rule.field) ?? new Set();
        set.add(rule.value);
        values.set(rule.field, set);
      }
  const answers: Answers = {};
  for (const [field, set] of values) {
    if (set.size !== 1) continue;
    const [value] = [...set];
    const question = policy.questions.find((q) => q.field === field);
    if (question?.kind === "choice" && question.options.some((o) => o.value === value))
      answers[field] = value;
  }
  return answers;
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
