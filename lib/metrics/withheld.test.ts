import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { solveWithheld, type PublishedYear } from "@/test/metrics-attacker";
import { smallCells } from "./cells";
import { SUPPRESSED } from "./definitions";
import { metricsJson } from "./downloads";
import { yearPeriod } from "./period";
import { buildReport, type DayFigures } from "./report";

// Complementary suppression, attacked: every year below is published as the JSON download
// publishes it, and test/metrics-attacker.ts tries to solve every withheld figure from the
// published ones with an integer programming solver. It must fail every time.

interface Decided {
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

const YEAR = 2025;
/** Requests in a year: small, so that most figures rest on few. */
const MAX_REQUESTS = Number(process.env.SUPPRESSION_MAX_REQUESTS ?? 70);
const NOW = new Date("2026-06-01T00:00:00.000Z");

/** The daily summary rows of a year's decided requests (each on the 15th of its month). */
function daysOf(requests: readonly Decided[]): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (const r of requests) {
    const day = `${YEAR}-${String(r.month + 1).padStart(2, "0")}-15`;
    const key = `${day}|${r.urgency}`;
    const d = days.get(key) ?? {
      day,
      urgency: r.urgency,
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

function published(requests: readonly Decided[]) {
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

const decided = (n: number, r: Partial<Decided>): Decided[] =>
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

describe("the attacker", () => {
  it("works out what per-cell suppression alone gives away: approved from denied, expedited from the months", async () => {
    // 28 standard decisions published with "Denied 75.0%" and approved withheld: approved = 7.
    const byDenied: PublishedYear = {
      urgencies: {
        standard: {
          decided: 28,
          approved: SUPPRESSED,
          denied: 75,
          approvedAfterAppeal: 0,
          extended: 0,
          withinClock: 100,
        },
        expedited: {
          decided: 0,
          approved: null,
          denied: null,
          approvedAfterAppeal: null,
          extended: null,
          withinClock: null,
        },
      },
      monthly: Array.from({ length: 12 }, (_, i) => ({
        month: `${YEAR}-${i + 1}`,
        approved: i === 2 ? SUPPRESSED : 0,
        denied: i === 2 ? 21 : 0,
        approvedAfterAppeal: 0,
      })),
    };
    expect(await solveWithheld(byDenied, SUPPRESSED)).toContainEqual({
      cell: "standard approved",
      value: 7,
    });
    // Every expedited figure withheld, every month shown: the months less the standard
    // counts give expedited 3 approved, 3 denied, 0 approved after appeal.
    const byMonths: PublishedYear = {
      urgencies: {
        standard: {
          decided: 40,
          approved: 62.5,
          denied: 37.5,
          approvedAfterAppeal: 0,
          extended: 0,
          withinClock: 100,
        },
        expedited: Object.fromEntries(
          [
            "decided",
            "approved",
            "denied",
            "approvedAfterAppeal",
            "extended",
            "approvedByRule",
            "withinClock",
          ].map((k) => [k, SUPPRESSED]),
        ),
      },
      monthly: Array.from({ length: 12 }, (_, i) => ({
        month: `${YEAR}-${i + 1}`,
        approved: i === 2 ? 28 : 0,
        denied: i === 2 ? 18 : 0,
        approvedAfterAppeal: 0,
      })),
    };
    const solved = await solveWithheld(byMonths, SUPPRESSED);
    expect(solved).toEqual(
      expect.arrayContaining([
        { cell: "expedited approved", value: 3 },
        { cell: "expedited denied", value: 3 },
        { cell: "expedited approvedAfterAppeal", value: 0 },
        { cell: "expedited decided", value: 6 },
      ]),
    );
  });
});

describe("complementary suppression", () => {
  it("withholds approved and denied together: 28 decisions, 7 approved", async () => {
    const { report, json } = published([
      ...decided(7, { approved: true }),
      ...decided(21, { approved: false }),
    ]);
    expect(report.figures.standard.approved).toEqual({ kind: "suppressed" });
    expect(report.figures.standard.denied).toEqual({ kind: "suppressed" });
    expect(report.figures.standard.decided).toEqual({ kind: "value", value: 28 });
    expect(await solveWithheld(json, SUPPRESSED)).toEqual([]);
  });

  it("keeps a small urgency's counts from being read off the months: expedited 3 / 3 / 0", async () => {
    const { report, json } = published([
      ...decided(25, { approved: true }),
      ...decided(15, { approved: false }),
      ...decided(3, { urgency: "expedited", approved: true, month: 4 }),
      ...decided(3, { urgency: "expedited", approved: false, month: 7 }),
    ]);
    expect(report.figures.expedited.decided).toEqual({ kind: "suppressed" });
    expect(await solveWithheld(json, SUPPRESSED)).toEqual([]);
  });

  it("shows every other figure as it is", () => {
    const { report } = published([
      ...decided(25, { approved: true }),
      ...decided(15, { approved: false, overturned: true, month: 5 }),
    ]);
    expect(report.figures.standard).toMatchObject({
      decided: { kind: "value", value: 40 },
      approved: { kind: "value", value: 62.5 },
      denied: { kind: "value", value: 37.5 },
      approvedAfterAppeal: { kind: "value", value: 37.5 },
    });
    expect(report.volume.filter((v) => v.approved.kind === "suppressed")).toEqual([]);
  });

  it("leaves nothing to solve in many small years, withholding every figure of 1 to 10 and showing the rest as they are", async () => {
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
      numRuns: Number(process.env.SUPPRESSION_YEARS ?? 120),
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
        if (n >= 1 && n <= 10)
          expect(cell.decided, `year ${i} ${u}`).toEqual({ kind: "suppressed" });
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
  }, 600_000);
});
