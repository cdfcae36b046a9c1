import type { Urgency } from "@/lib/db/schema";

const HOUR = 3_600_000;

/** CMS-0057-F decision clock: 72 hours for expedited, 7 calendar days for standard requests. */
export function dueAt(submittedAt: Date, urgency: Urgency): Date {
  return new Date(submittedAt.getTime() + (urgency === "expedited" ? 72 : 7 * 24) * HOUR);
}
