import type { Urgency } from "@/lib/request-model/vocabulary";
import { METRICS, URGENCIES, type MetricKey } from "./definitions";

// Pure: which published figures are withheld. A figure resting on 1 to 10 requests is withheld
// (primary suppression); so is any figure from which a withheld one could be worked out with the
// figures published beside it (complementary suppression):
// - an urgency's approved and denied add up to its decided: one withheld, both are;
// - for approved, denied and approved after appeal, the months (both urgencies) add up to the two
//   urgencies' yearly counts: an equation with one withheld cell would give it away, so a second
//   is withheld, a month where one can be (the smallest that is not zero).
// lib/metrics/withheld.test.ts seeds many small years and tries to solve every withheld cell from
// the published relations with an integer programming solver; it must fail to.

/** The counts a period's figures are made of. */
export interface Counts {
  decided: number;
  approved: number;
  denied: number;
  approvedOnAppeal: number;
  extended: number;
  /** Extended, then approved at the first decision: the "extended" figure's numerator. */
  extendedApproved: number;
  approvedByRule: number;
  withinClock: number;
}

export type BucketCounts = Pick<Counts, "approved" | "denied" | "approvedOnAppeal">;

export type CellKey = `${Urgency}.${MetricKey}` | `bucket.${number}.${SeriesKey}`;
type SeriesKey = "approved" | "denied" | "approvedAfterAppeal";

/** The series whose months add up to the urgencies' yearly counts, with the count each reads. */
const SERIES: readonly { key: SeriesKey; count: keyof BucketCounts }[] = [
  { key: "approved", count: "approved" },
  { key: "denied", count: "denied" },
  { key: "approvedAfterAppeal", count: "approvedOnAppeal" },
];

/** The figures of one urgency that rest on a count (a percent's numerator). */
const PERCENTS: readonly [MetricKey, keyof Counts][] = [
  ["approved", "approved"],
  ["denied", "denied"],
  ["approvedAfterAppeal", "approvedOnAppeal"],
  ["extended", "extendedApproved"],
  ["approvedByRule", "approvedByRule"],
  ["withinClock", "withinClock"],
];

const ALL_FIGURES: readonly MetricKey[] = METRICS.map((m) => m.key);

/**
 * The cells to withhold of a period's table: per urgency, every figure; per bucket (month), the
 * three series. `small` says whether a count is too small to show (none is, for signed-in staff).
 */
export function withheldCells(
  byUrgency: Record<Urgency, Counts>,
  buckets: readonly BucketCounts[],
  small: (n: number) => boolean,
): Set<CellKey> {
  const withheld = new Set<CellKey>();
  // Primary: every figure that rests on 1 to 10 requests.
  for (const u of URGENCIES) {
    const c = byUrgency[u];
    if (small(c.decided)) for (const m of ALL_FIGURES) withheld.add(`${u}.${m}`);
    else if (c.decided > 0)
      for (const [metric, count] of PERCENTS) if (small(c[count])) withheld.add(`${u}.${metric}`);
  }
  buckets.forEach((b, i) => {
    for (const s of SERIES) if (small(b[s.count])) withheld.add(`bucket.${i}.${s.key}`);
  });
  if (withheld.size === 0) return withheld;

  // Complementary, until nothing more is needed.
  for (let changed = true; changed;) {
    changed = false;
    const add = (key: CellKey) => {
      if (withheld.has(key)) return;
      withheld.add(key);
      changed = true;
    };
    for (const u of URGENCIES)
      if (
        byUrgency[u].decided > 0 &&
        (withheld.has(`${u}.approved`) || withheld.has(`${u}.denied`))
      ) {
        add(`${u}.approved`);
        add(`${u}.denied`);
      }
    for (const s of SERIES) {
      const yearly = URGENCIES.filter((u) => byUrgency[u].decided > 0).map(
        (u): CellKey => `${u}.${s.key}`,
      );
      const monthly = buckets.map((_, i): CellKey => `bucket.${i}.${s.key}`);
      const yearlyWithheld = yearly.filter((key) => withheld.has(key)).length;
      const monthlyWithheld = monthly.filter((key) => withheld.has(key)).length;
      // Withheld yearly counts beside twelve shown months add up to what the months leave:
      // nothing, when they leave nothing. A month is withheld with them; and a lone withheld
      // month gets a second.
      if (yearlyWithheld + monthlyWithheld === 0) continue;
      if (monthlyWithheld > 0 && yearlyWithheld + monthlyWithheld > 1) continue;
      const month = monthComplement(buckets, s, withheld);
      if (month) {
        add(month.key);
        // Approved after appeal is at most the month's denials: withheld too when nothing
        // else would leave it room.
        if (!month.roomy) add(`bucket.${month.i}.denied`);
      } else {
        const other = yearly.find((k) => !withheld.has(k));
        if (other) add(other);
      }
    }
  }
  return withheld;
}

/**
 * The month to withhold beside a lone withheld cell of a series' equation: the smallest count
 * that is not zero (a zero would give nothing away beside it), and for approved after appeal one
 * whose denials leave it room (it can be no more than they are).
 */
function monthComplement(
  buckets: readonly BucketCounts[],
  s: (typeof SERIES)[number],
  withheld: Set<CellKey>,
): { key: CellKey; i: number; roomy: boolean } | undefined {
  // Approved after appeal can be no more than the month's denials: a month where it is fewer,
  // or whose denials are withheld, leaves it room to be more than it is.
  const roomy = (i: number, b: BucketCounts) =>
    s.key !== "approvedAfterAppeal" ||
    b.denied > b.approvedOnAppeal ||
    withheld.has(`bucket.${i}.denied`);
  const candidates = buckets
    .map((b, i) => ({ i, value: b[s.count], roomy: roomy(i, b) }))
    .filter(({ i }) => !withheld.has(`bucket.${i}.${s.key}`))
    .sort(
      (a, b) =>
        Number(b.roomy) - Number(a.roomy) ||
        (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) ||
        a.value - b.value,
    );
  const found = candidates[0];
  return found && { key: `bucket.${found.i}.${s.key}`, i: found.i, roomy: found.roomy };
}
