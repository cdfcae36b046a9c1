import type { Urgency } from "./vocabulary";

const HOUR = 3_600_000;

/** CMS-0057-F decision clock: 72 hours for expedited, 7 calendar days for standard requests. */
export function dueAt(submittedAt: Date, urgency: Urgency): Date {
  return new Date(submittedAt.getTime() + (urgency === "expedited" ? 72 : 7 * 24) * HOUR);
}

/**
 * When an appeal filed at `filedAt` is due: 30 days, or 72 hours for an expedited request or an
 * appeal the physician asked to expedite.
 */
export function appealDue(filedAt: Date, urgency: Urgency, expedited = false): Date {
  const expedite = urgency === "expedited" || expedited;
  return new Date(filedAt.getTime() + (expedite ? 72 * HOUR : 30 * 24 * HOUR));
}
