import type { Urgency } from "@/lib/request-model/vocabulary";
import { dueAt } from "@/lib/request-model/due";

// The one wording of every metric: the public page, the reviewer dashboard, the CSV and JSON
// downloads and the README all say these sentences (lib/metrics/readme.test.ts holds the README
// to them).

/** A figure resting on 1 to this many requests is not shown. */
export const SMALL_CELL_LIMIT = 10;
/**
 * How a withheld figure reads. The same words for every withheld figure, small or withheld beside
 * a small one: two wordings would tell which is which, and so help work the small one out.
 */
export const SUPPRESSED = "withheld (small numbers)";
/** What "withheld" means, as the footnote under every table of withheld figures says it. */
export const SUPPRESSED_FOOTNOTE =
  "fewer than 11 requests, or a figure from which one could be worked out";

export const URGENCIES: readonly Urgency[] = ["standard", "expedited"];

export const URGENCY_NAMES: Record<Urgency, string> = {
  standard: "Standard",
  expedited: "Expedited",
};

/** The decision clock of each urgency, as the queue counts it (72 hours, 7 days). */
export const clockMs = (urgency: Urgency) => dueAt(new Date(0), urgency).getTime();
export const CLOCK_NAMES: Record<Urgency, string> = {
  standard: "7 days",
  expedited: "72 hours",
};
export const CLOCK_ADJECTIVES: Record<Urgency, string> = {
  standard: "7-day",
  expedited: "72-hour",
};

export type MetricKey =
  | "decided"
  | "approved"
  | "denied"
  | "approvedAfterAppeal"
  | "extended"
  | "approvedByRule"
  | "withinClock"
  | "meanHours"
  | "medianHours";

export type Unit = "requests" | "percent" | "hours";

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  unit: Unit;
  definition: string;
}

export const METRICS: readonly MetricDefinition[] = [
  {
    key: "decided",
    label: "Requests decided",
    unit: "requests",
    definition:
      "The number of requests whose first decision, an approval or a denial, fell in the period (UTC); a request for more information is not a decision, and a request withdrawn or still open before any decision is not counted.",
  },
  {
    key: "approved",
    label: "Approved",
    unit: "percent",
    definition: "The percent of decided requests whose first decision was an approval.",
  },
  {
    key: "denied",
    label: "Denied",
    unit: "percent",
    definition:
      "The percent of decided requests whose first decision was a denial, whatever became of an appeal.",
  },
  {
    key: "approvedAfterAppeal",
    label: "Approved after appeal",
    unit: "percent",
    definition:
      "The percent of decided requests whose denial was overturned on appeal (they count as denied too, and never as approved).",
  },
  {
    key: "extended",
    label: "Approved after an extension",
    unit: "percent",
    definition:
      "The percent of decided requests that a reviewer extended and whose first decision was then an approval (CMS-0057-F counts requests approved after the review time was extended); an extended request that was denied is not counted.",
  },
  {
    key: "approvedByRule",
    label: "Approved by rule",
    unit: "percent",
    definition:
      "The percent of decided requests a rule approved at submission, with the physician's attestation and no reviewer, where rule-based approval is on; each counts as approved too.",
  },
  {
    key: "withinClock",
    label: "Decided within the clock",
    unit: "percent",
    definition:
      "The percent of decided requests whose first decision came within 72 hours (expedited) or 7 days (standard) of submission; an extension does not move this clock.",
  },
  {
    key: "meanHours",
    label: "Average decision time",
    unit: "hours",
    definition:
      "The mean calendar time from submission to first decision, in hours; the clock is not paused while information is requested.",
  },
  {
    key: "medianHours",
    label: "Median decision time",
    unit: "hours",
    definition:
      "The middle decision time when the period's decision times are put in order (the mean of the two middle ones when their number is even), in hours, measured as the average is.",
  },
];

/** The rules behind every figure of the public page, in the order it lists them. */
export const RULES = {
  year: "A request counts in the calendar year (UTC) of its first decision, whenever it was submitted.",
  firstDecision:
    "The first decision is read from the request's state: approved means an approval; denied, appealed, denied with the appeal upheld and approved on appeal mean a denial.",
  volume:
    "Monthly volume counts decided requests of both urgencies by the month (UTC) of their first decision: approved, denied, and of the denied those approved after appeal.",
  suppression: `A figure resting on 1 to 10 requests (a count of 1 to 10, a percent whose numerator or denominator is 1 to 10, an average or median over 1 to 10 requests) is shown as "${SUPPRESSED}"; zero is shown as 0.`,
  complement: `So that no withheld figure can be worked out from the others, more are shown as "${SUPPRESSED}" beside it: an urgency's approved and denied percents are withheld together, and where the months' counts would add up to an urgency's withheld count (or a withheld month to the year's), one more month of that outcome is withheld too, the smallest that is not zero where there is one. The page, the CSV and the JSON withhold the same figures.`,
  rounding:
    "Percents and hours are rounded to one decimal place; a percent, average or median of no requests is shown as none.",
  freshness:
    "Figures are computed from the live database each time the page or a download is requested, with no cache: the summary they are read from is updated in the same transaction as every decision.",
} as const;

/** The reviewer dashboard's rules: its own span and buckets, every figure shown. */
export const DASHBOARD_RULES = {
  span: "A request counts in the last 90 days when its first decision fell on one of them: today and the 89 days before it (UTC).",
  firstDecision: RULES.firstDecision,
  volume:
    "Weekly volume counts decided requests of both urgencies by the week (Monday to Sunday, UTC) of their first decision, the weeks this week's decisions are counted in; the first week is cut short where the 90 days begin: approved, denied, and of the denied those approved after appeal.",
  thisWeek:
    "This week's decisions are approvals, denials and decided appeals from Monday 00:00 UTC; a request for information or a recommended denial is a step, shown apart, and not a decision.",
  noSuppression:
    "Every figure is shown, however few requests it rests on: this page is for signed-in reviewers, medical directors and administrators only, and names no patient.",
  rounding: RULES.rounding,
  freshness: RULES.freshness,
} as const;
