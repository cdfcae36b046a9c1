// When a planned date of service is already past: before yesterday (UTC). A day's grace, so that
// nobody whose own calendar still shows that date (UTC−12 at the latest) is told it is past.

const DAY = 86_400_000;

/** "YYYY-MM-DD", the UTC day `days` after `now`'s. */
export const utcDay = (now: Date, days = 0) =>
  new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

/** Whether a planned date of service is in the past: then only a retrospective request takes it. */
export const isPastServiceDate = (date: string, now = new Date()) => date < utcDay(now, -1);

export const RETROSPECTIVE_LABEL =
  "The service was already given on this date: this is a retrospective request";

export const PAST_DATE_MESSAGE =
  "Planned date of service is in the past: if the service was already given, mark the request as retrospective; otherwise correct the date";
export const NOT_PAST_MESSAGE =
  "A retrospective request is for a service already given: its planned date of service must be in the past";
