import type { RequestStatus } from "@/lib/db/schema";

/**
 * Approved and denied are decisions; once made, they stand (a change would go through an appeal,
 * which the review loop will add). A request pended for more information (X12 278 A4) is not
 * decided: a reviewer decides it later.
 */
export const FINAL_STATUSES = ["approved", "denied"] as const satisfies readonly RequestStatus[];

export const isFinal = (status: RequestStatus) =>
  (FINAL_STATUSES as readonly RequestStatus[]).includes(status);
