import type { DecisionAction } from "./vocabulary";

/** X12 278 health care services review action codes. */
export type ReviewActionCode = "A1" | "A3" | "A4";

/** X12 278 health care services review action codes of each decision. */
export const REVIEW_ACTION_CODES: Record<DecisionAction, ReviewActionCode> = {
  approve: "A1",
  deny: "A3",
  "request-information": "A4",
};
