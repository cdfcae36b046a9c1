import type { Urgency } from "@/lib/db/schema";
import { countCell, hoursCell, percentCell, type Cell, type Suppression } from "./cells";
import { URGENCIES, type MetricKey } from "./definitions";
import { bucketsOf, type Bucket, type Period } from "./period";

// From the stored figures of a period to what is published: every cell computed once, with the
// suppression rule applied, for the page, its charts and the downloads alike.

/** One row of metrics_daily, as numbers. */
export interface DayFigures {
  day: string;
  urgency: Urgency;
  decided: number;
  approved: number;
  denied: number;
  approvedOnAppeal: number;
  extended: number;
  /** Extended, then approved at the first decision. */
  extendedApproved: number;
  approvedByRule: number;
  withinClock: number;
  decisionMsTotal: number;
}

export interface PeriodData {
  period: Period;
  days: readonly DayFigures[];
  /** Each urgency's median decision time in the period, null when none was decided. */
  medianMs: Record<Urgency, number | null>;
}

export const VOLUME_SERIES = [
  { key: "approved", label: "Approved" },
  { key: "denied", label: "Denied" },
  { key: "approvedAfterAppeal", label: "Approved after appeal" },
] as const;

export type VolumeKey = (typeof VOLUME_SERIES)[number]["key"];

export type VolumeRow = { bucket: Bucket } & Record<VolumeKey, Cell>;

export interface MetricsReport {
  period: Period;
  figures: Record<Urgency, Record<MetricKey, Cell>>;
  volume: VolumeRow[];
  /** Whether any request was decided in the period. */
  anyDecided: boolean;
}

type Totals = Omit<DayFigures, "day" | "urgency">;

function sum(days: readonly DayFigures[]): Totals {
  const totals: Totals = {
    decided: 0,
    approved: 0,
    denied: 0,
    approvedOnAppeal: 0,
    extended: 0,
    extendedApproved: 0,
    approvedByRule: 0,
    withinClock: 0,
    decisionMsTotal: 0,
  };
  for (const d of days)
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += d[key];
  return totals;
}

function figuresOf(
  t: Totals,
  medianMs: number | null,
  suppress: Suppression,
): Record<MetricKey, Cell> {
  const percent = (n: number) => percentCell(n, t.decided, suppress);
  // Approved and denied add up to every decided request: with one withheld, the other would
  // give it away, so it is withheld too.
  const [approved, denied] = [percent(t.approved), percent(t.denied)];
  const pairWithheld = approved.kind === "suppressed" || denied.kind === "suppressed";
  const withheld: Cell = { kind: "suppressed" };
  return {
    decided: countCell(t.decided, suppress),
    approved: pairWithheld ? withheld : approved,
    denied: pairWithheld ? withheld : denied,
    approvedAfterAppeal: percent(t.approvedOnAppeal),
    extended: percent(t.extendedApproved),
    approvedByRule: percent(t.approvedByRule),
    withinClock: percent(t.withinClock),
    meanHours: hoursCell(t.decided ? t.decisionMsTotal / t.decided : null, t.decided, suppress),
    medianHours: hoursCell(medianMs, t.decided, suppress),
  };
}

export function buildReport(data: PeriodData, suppress: Suppression): MetricsReport {
  const figures = Object.fromEntries(
    URGENCIES.map((u) => [
      u,
      figuresOf(sum(data.days.filter((d) => d.urgency === u)), data.medianMs[u], suppress),
    ]),
  ) as Record<Urgency, Record<MetricKey, Cell>>;
  const volume = bucketsOf(data.period).map((bucket) => {
    const t = sum(data.days.filter((d) => d.day >= bucket.from && d.day < bucket.to));
    return {
      bucket,
      approved: countCell(t.approved, suppress),
      denied: countCell(t.denied, suppress),
      approvedAfterAppeal: countCell(t.approvedOnAppeal, suppress),
    };
  });
  return {
    period: data.period,
    figures,
    volume,
    anyDecided: data.days.some((d) => d.decided > 0),
  };
}
