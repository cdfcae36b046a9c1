import fc from "fast-check";
import { expect } from "vitest";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { smallCells } from "@/lib/metrics/cells";
import { SUPPRESSED } from "@/lib/metrics/definitions";
import { metricsJson } from "@/lib/metrics/downloads";
import { yearPeriod } from "@/lib/metrics/period";
import { buildReport, noFigures, type DayFigures } from "@/lib/metrics/report";
import { solveWithheld, type PublishedYear } from "./metrics-attacker";

// Small years of decided requests, published as the metrics JSON download publishes them, for
// lib/metrics/withheld.test.ts and its full-proof step (withheld.full.test.ts).

export interface Decided {
  urgency: Urgency;
  month: number;
  approved: boolean;
  overturned: boolean;
  extended: boolean;
  /** Approved by rule at submission (only an approval can be). */
  byRule: boolean;
  withinClock: boolean;
  hours: number;
}

export const YEAR = 2025;
/** Requests in a year: small, so that most figures rest on few. */
const MAX_REQUESTS = Number(process.env.SUPPRESSION_MAX_REQUESTS ?? 70);
const NOW = new Date("2026-06-01T00:00:00.000Z");

/** The daily summary rows of a year's decided requests (each on the 15th of its month). */
function daysOf(requests: readonly Decided[]): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (const r of requests) {
    const day = `${YEAR}-${String(r.month + 1).padStart(2, "0")}-15`;
    const key = `${day}|${r.urgency}`;
    const d = days.get(key) ?? { day, urgency: r.urgency, ...noFigures() };
    d.decided++;
    if (r.approved) d.approved++;
    else d.denied++;
    if (!r.approved && r.overturned) d.approvedOnAppeal++;
    if (r.extended) d.extended++;
    if (r.extended && r.approved) d.extendedApproved++;
    if (r.byRule && r.approved) d.approvedByRule++;
    if (r.withinClock) d.withinClock++;
    d.decisionMsTotal += r.hours * 3_600_000;
    days.set(key, d);
  }
  return [...days.values()];
}

export function published(requests: readonly Decided[]) {
  const report = buildReport(
    {
      period: yearPeriod(YEAR),
      days: daysOf(requests),
      medianMs: { standard: 36_000_000, expedited: 18_000_000 },
    },
    smallCells,
  );
  return { report, json: metricsJson(report, [], NOW) as unknown as PublishedYear };
}

export const decided = (n: number, r: Partial<Decided>): Decided[] =>
  Array.from({ length: n }, () => ({
    urgency: "standard",
    month: 2,
    approved: true,
    overturned: false,
    extended: false,
    byRule: false,
    withinClock: true,
    hours: 30,
    ...r,
  }));

/**
 * `count` seeded random small years (SUPPRESSION_YEARS and SUPPRESSION_SEED change them), each
 * published and attacked: the solver finds no withheld figure, every figure of 1 to 10 is
 * withheld, the rest are shown as they are.
 */
export async function attackSmallYears(count: number): Promise<void> {
  const request = fc.record<Decided>({
    urgency: fc.constantFrom<Urgency>("standard", "standard", "expedited"),
    month: fc.oneof(fc.integer({ min: 0, max: 11 }), fc.constantFrom(0, 4, 9)),
    approved: fc.boolean(),
    overturned: fc.boolean(),
    extended: fc.boolean(),
    byRule: fc.boolean(),
    withinClock: fc.boolean(),
    hours: fc.integer({ min: 1, max: 400 }),
  });
  // Some years have every denial overturned on appeal, or none: the bounds a month's
  // approvals after appeal have are then tight.
  const year = fc
    .tuple(
      fc.array(request, { minLength: 1, maxLength: MAX_REQUESTS }),
      fc.constantFrom("as drawn", "all overturned", "none overturned"),
    )
    .map(([requests, appeals]) =>
      appeals === "as drawn"
        ? requests
        : requests.map((r) => ({ ...r, overturned: appeals === "all overturned" })),
    );
  const years = fc.sample(year, {
    seed: Number(process.env.SUPPRESSION_SEED ?? 261),
    numRuns: Number(process.env.SUPPRESSION_YEARS ?? count),
  });
  let withheldFigures = 0;
  for (const [i, requests] of years.entries()) {
    const { report, json } = published(requests);
    const solved = await solveWithheld(json, SUPPRESSED);
    expect(solved, `year ${i}: ${JSON.stringify(requests.length)} requests`).toEqual([]);
    // Primary cells are withheld; shown ones are the truth.
    for (const u of ["standard", "expedited"] as const) {
      const mine = requests.filter((r) => r.urgency === u);
      const n = mine.length;
      const approved = mine.filter((r) => r.approved).length;
      const cell = report.figures[u];
      if (n >= 1 && n <= 10) expect(cell.decided, `year ${i} ${u}`).toEqual({ kind: "suppressed" });
      else expect(cell.decided, `year ${i} ${u}`).toEqual({ kind: "value", value: n });
      if (approved >= 1 && approved <= 10)
        expect(cell.approved, `year ${i} ${u}`).toEqual({ kind: "suppressed" });
      if (cell.approved.kind === "value")
        expect(cell.approved.value).toBe(Math.round((approved * 1000) / n) / 10);
    }
    report.volume.forEach((v, m) => {
      const inMonth = requests.filter((r) => r.month === m);
      const approved = inMonth.filter((r) => r.approved).length;
      if (approved >= 1 && approved <= 10) expect(v.approved).toEqual({ kind: "suppressed" });
      if (v.approved.kind === "value") expect(v.approved.value).toBe(approved);
      withheldFigures += [v.approved, v.denied, v.approvedAfterAppeal].filter(
        (c) => c.kind === "suppressed",
      ).length;
    });
  }
  // The years were small enough for suppression to matter.
  expect(withheldFigures).toBeGreaterThan(years.length);
}
