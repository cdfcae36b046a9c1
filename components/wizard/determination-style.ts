import type { Determination } from "@/lib/policy/determinations";

export const DETERMINATION_STYLE: Record<Determination, string> = {
  "medically-necessary": "border-green-700 bg-green-50 text-green-900",
  "not-medically-necessary": "border-red-700 bg-red-50 text-red-900",
  "experimental-investigational-unproven": "border-amber-700 bg-amber-50 text-amber-900",
  // A referral, not an adverse determination: never the denial red.
  "outside-policy": "border-violet-700 bg-violet-50 text-violet-900",
  incomplete: "border-slate-500 bg-slate-50 text-slate-900",
};
