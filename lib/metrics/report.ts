import type { Urgency } from "@/lib/request-model/vocabulary";
import {
  countCell,
  hoursCell,
  noSuppression,
  percentCell,
  type Cell,
  type Suppression,
} from "./cells";
import { URGENCIES, type MetricKey } from "./definitions";
import { bucketsOf, type Bucket, type Period } from "./period";
import { withheldCells, type CellKey, type Counts } from "./withheld";

// From the stored figures of a period to what is published: every cell computed once, with the
// suppression rule applied, for the page, its charts and the downloads alike.

/** One row of metrics_daily, as numbers: its counts (lib/metrics/withheld.ts) and decision time. */
export interface DayFigures extends Counts {
  day: string;
  urgency: Urgency;
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

/** Figures of no request: what a day's or a period's counts start from. */
export const noFigures = (): Totals => ({
  decided: 0,
  approved: 0,
  denied: 0,
  approvedOnAppeal: 0,
  extended: 0,
  extendedApproved: 0,
  approvedByRule: 0,
  withinClock: 0,
  decisionMsTotal: 0,
});

function sum(days: readonly DayFigures[]): Totals {
  const totals = noFigures();
  for (const d of days)
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += d[key];
  return totals;
}

function figuresOf(
  u: Urgency,
  t: Totals,
  medianMs: number | null,
  withheld: ReadonlySet<CellKey>,
): Record<MetricKey, Cell> {
  const shown = (key: MetricKey, cell: Cell): Cell =>
    withheld.has(`${u}.${key}`) && cell.kind !== "none" ? { kind: "suppressed" } : cell;
  const percent = (key: MetricKey, n: number) =>
    shown(key, percentCell(n, t.decided, noSuppression));
  return {
    decided: shown("decided", countCell(t.decided, noSuppression)),
    approved: percent("approved", t.approved),
    denied: percent("denied", t.denied),
    approvedAfterAppeal: percent("approvedAfterAppeal", t.approvedOnAppeal),
    extended: percent("extended", t.extendedApproved),
    approvedByRule: percent("approvedByRule", t.approvedByRule),
    withinClock: percent("withinClock", t.withinClock),
    meanHours: shown(
      "meanHours",
      hoursCell(t.decided ? t.decisionMsTotal / t.decided : null, t.decided, noSuppression),
    ),
    medianHours: shown("medianHours", hoursCell(medianMs, t.decided, noSuppression)),
  };
}

/**
 * The period's published figures: every cell computed once, then withheld where `suppress` says
 * a count is too small to show, and where a withheld one could be worked out from the others
 * (lib/metrics/withheld.ts).
 */
export function buildReport(data: PeriodData, suppress: Suppression): MetricsReport {
  const totals = Object.fromEntries(
    URGENCIES.map((u) => [u, sum(data.days.filter((d) => d.urgency === u))]),
  ) as Record<Urgency, Totals>;
  const buckets = bucketsOf(data.period).map((bucket) => ({
    bucket,
    totals: sum(data.days.filter((d) => d.day >= bucket.from && d.day < bucket.to)),
  }));
  const withheld = withheldCells(
    totals,
    buckets.map((b) => b.totals),
    suppress,
  );
  const figures = Object.fromEntries(
    URGENCIES.map((u) => [u, figuresOf(u, totals[u], data.medianMs[u], withheld)]),
  ) as Record<Urgency, Record<MetricKey, Cell>>;
  const volume = buckets.map(({ bucket, totals: t }, i) => {
    const count = (key: VolumeKey, n: number): Cell =>
      withheld.has(`bucket.${i}.${key}`) ? { kind: "suppressed" } : { kind: "value", value: n };
    return {
      bucket,
      approved: count("approved", t.approved),
      denied: count("denied", t.denied),
      approvedAfterAppeal: count("approvedAfterAppeal", t.approvedOnAppeal),
    };
  });
  return {
    period: data.period,
    figures,
    volume,
    anyDecided: data.days.some((d) => d.decided > 0),
  };
}
