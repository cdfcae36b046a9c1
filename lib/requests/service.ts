import type { Answers, PolicyRules } from "@/lib/policy/engine/types";

export interface RequestedService {
  /** As the policy lists it: "Donor lymphocyte infusion (DLI)". */
  label: string;
  cpt: string;
}

/**
 * The service a request asks for: the answer whose option names a CPT code, labelled as the
 * policy lists its services. Undefined when no answer names one.
 */
export function serviceOf(
  policy: Pick<PolicyRules, "questions" | "meta">,
  answers: Answers,
): RequestedService | undefined {
  for (const question of policy.questions) {
    if (question.kind !== "choice" || !(question.field in answers)) continue;
    const option = question.options.find((o) => o.value === answers[question.field] && o.cpt);
    if (option?.cpt)
      return {
        cpt: option.cpt,
        label: policy.meta.services.find((s) => s.cpt === option.cpt)?.label ?? option.label,
      };
  }
  return undefined;
}

/** "Donor lymphocyte infusion (DLI), CPT 38242", or "not named" when no answer names one. */
export const serviceText = (service: RequestedService | undefined) =>
  service ? `${service.label}, CPT ${service.cpt}` : "not named";
