// The spans the metrics cover: a calendar year (the public page) or the last days up to today
// (the reviewer dashboard), in whole UTC days, and the buckets their volume chart shows.
import { MONTHS } from "@/lib/policy/engine/review-date";

/** Days are "YYYY-MM-DD" (UTC); `to` is the first day after the period. */
export interface Period {
  kind: "year" | "days";
  /** The year, for a calendar year. */
  year?: number;
  from: string;
  to: string;
  label: string;
}

export interface Bucket {
  key: string;
  /** As the table's first column names it: "January", "Aug 30–Sep 5". */
  label: string;
  /** As the chart's axis names it: "Jan", "Aug 30". */
  short: string;
  from: string;
  to: string;
}

export const FIRST_YEAR = 2000;
const DAY = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

export function yearPeriod(year: number): Period {
  return {
    kind: "year",
    year,
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    label: String(year),
  };
}

/** Today (UTC) and the `days` − 1 days before it. */
export function lastDays(now: Date, days: number): Period {
  const to = msOf(dayOf(now.getTime())) + DAY;
  const from = dayOf(to - days * DAY);
  return { kind: "days", from, to: dayOf(to), label: `the last ${days} days` };
}

/**
 * A year's months; the last days' weeks, Monday to Sunday (UTC), as this week's decisions are
 * counted: the first week starts where the period does, the last ends today.
 */
export function bucketsOf(period: Period): Bucket[] {
  if (period.kind === "year")
    return MONTHS.map((label, i) => {
      const month = String(i + 1).padStart(2, "0");
      const next = i === 11 ? period.to : `${period.year}-${String(i + 2).padStart(2, "0")}-01`;
      return {
        key: `${period.year}-${month}`,
        label,
        short: label.slice(0, 3),
        from: `${period.year}-${month}-01`,
        to: next,
      };
    });
  const buckets: Bucket[] = [];
  const first = msOf(period.from);
  for (
    let start = weekStart(new Date(first)).getTime();
    start < msOf(period.to);
    start += 7 * DAY
  ) {
    const from = dayOf(Math.max(start, first));
    const to = dayOf(Math.min(start + 7 * DAY, msOf(period.to)));
    const [firstDay, lastDay] = [
      shortDate(new Date(msOf(from))),
      shortDate(new Date(msOf(to) - DAY)),
    ];
    buckets.push({
      key: from,
      label: firstDay === lastDay ? firstDay : `${firstDay}–${lastDay}`,
      short: shortDate(new Date(msOf(from))),
      from,
      to,
    });
  }
  return buckets;
}

/** Monday 00:00 UTC of the week `now` is in: the weeks the dashboard counts by. */
export function weekStart(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - ((now.getUTCDay() + 6) % 7) * DAY);
}

const shortDate = (d: Date) => `${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCDate()}`;

export type YearParse = { ok: true; year: number } | { ok: false; message: string };

/**
 * The year a URL asks for: none means the current year (UTC); anything but one four-digit year
 * from 2000 to the current year is refused with a sentence saying what to give instead.
 */
export function parseYear(raw: string | string[] | undefined, now: Date): YearParse {
  const current = now.getUTCFullYear();
  const instead = `give a year from ${FIRST_YEAR} to ${current} in four digits, for example ${current}.`;
  if (raw === undefined) return { ok: true, year: current };
  if (Array.isArray(raw)) return { ok: false, message: `More than one year was given: ${instead}` };
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (year >= FIRST_YEAR && year <= current) return { ok: true, year };
  const shown = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
  return { ok: false, message: `"${shown}" is not a year these metrics cover: ${instead}` };
}
