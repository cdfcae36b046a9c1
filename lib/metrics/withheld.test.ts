import { describe, expect, it } from "vitest";
import { solveWithheld, type PublishedYear } from "@/test/metrics-attacker";
import { YEAR, attackSmallYears, decided, published } from "@/test/small-years";
import { SUPPRESSED } from "./definitions";

// Complementary suppression, attacked: every year below is published as the JSON download
// publishes it, and test/metrics-attacker.ts tries to solve every withheld figure from the
// published ones with an integer programming solver. It must fail every time.

/** Random small years in the everyday run; the full-proof step attacks 120. */
const YEARS = 30;

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

  it(`leaves nothing to solve in ${YEARS} small years, withholding every figure of 1 to 10 and showing the rest as they are`, async () => {
    // More years are npm test's full-proof step: withheld.full.test.ts.
    await attackSmallYears(YEARS);
  }, 600_000);
});
