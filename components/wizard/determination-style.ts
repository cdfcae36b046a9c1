import type { DeterminationTone, PolicyRules } from "@/lib/policy/engine/types";

const TONE_STYLE: Record<DeterminationTone, string> = {
  approve: "border-green-700 bg-green-50 text-green-900",
  deny: "border-red-700 bg-red-50 text-red-900",
  experimental: "border-amber-700 bg-amber-50 text-amber-900",
  // A referral, not an adverse determination: never the denial red.
  refer: "border-violet-700 bg-violet-50 text-violet-900",
  incomplete: "border-slate-500 bg-slate-50 text-slate-900",
};

/** A determination's colours, by what it means in its policy. */
export function determinationStyle(
  policy: Pick<PolicyRules, "determinations">,
  determination: string,
): string {
  const tone = policy.determinations.find((d) => d.value === determination)?.tone;
  return TONE_STYLE[tone ?? "incomplete"];
}
