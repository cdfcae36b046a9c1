import type { Policy } from "./types";

/** The months by name, January first (dates here are shown in English, in UTC). */
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "June 15, 2022" from "2022-06-15", the same in every browser locale and on the server. */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTHS[month! - 1]} ${day}, ${year}`;
}

/** Said wherever a determination is shown once the policy's next review date has passed. */
export function reviewOverdueNotice(
  policy: Pick<Policy, "nextReviewDate">,
  today = new Date(),
): string | null {
  const { nextReviewDate } = policy;
  if (!nextReviewDate || today.toISOString().slice(0, 10) <= nextReviewDate) return null;
  return (
    `The next review date of this policy, ${longDate(nextReviewDate)}, has passed. ` +
    "Check with the plan that this version is still in effect before relying on it."
  );
}
