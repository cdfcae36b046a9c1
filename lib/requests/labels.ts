import type { RequestStatus, Urgency } from "@/lib/db/schema";
import { DETERMINATION_LABELS, type Determination } from "@/lib/policy/determinations";

export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  denied: "Denied",
  "more-information": "More information requested",
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  standard: "Standard (7 days)",
  expedited: "Expedited (72 hours)",
};

export const determinationLabel = (value: string) =>
  DETERMINATION_LABELS[value as Determination] ?? value;

/** "2026-11-26 10:00 UTC": every time in the workspace is shown in UTC, as stored. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** "2 d 5 h left" or "overdue by 3 h". */
export function timeLeft(dueAt: string, now = new Date()): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const text = hours >= 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${hours} h`;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}
