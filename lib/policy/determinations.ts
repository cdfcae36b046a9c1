export const DETERMINATIONS = [
  "medically-necessary",
  "not-medically-necessary",
  "experimental-investigational-unproven",
  "outside-policy",
  "incomplete",
] as const;

export type Determination = (typeof DETERMINATIONS)[number];
export type FinalDetermination = Exclude<Determination, "incomplete">;

/** The contract's "shown as" label of each determination. */
export const DETERMINATION_LABELS: Record<Determination, string> = {
  "medically-necessary": "Medically necessary",
  "not-medically-necessary": "Not medically necessary — criteria not met",
  "experimental-investigational-unproven": "Experimental, investigational or unproven",
  "outside-policy": "Outside this policy — refer to a medical director",
  incomplete: "Incomplete — the next question that decides it",
};

/** The line shown beneath every determination (rules revision 2). */
export const DETERMINATION_NOTE =
  "This is how the policy reads these answers; a reviewer makes the coverage decision.";
