import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { director, reviewer } from "@/test/actors";
import { playCase } from "@/test/metrics-cases";
import {
  expectedGroups,
  mean,
  median,
  shownCount,
  shownHours,
  shownApprovedDenied,
  shownPercent,
  WITHHELD,
  type MetricsCase,
} from "@/test/metrics-expected";
import { solveWithheld, type PublishedYear } from "@/test/metrics-attacker";
import { showCell, smallCells } from "./cells";
import { METRICS, SUPPRESSED, URGENCIES } from "./definitions";
import { metricsCsv, metricsJson } from "./downloads";
import { yearPeriod } from "./period";
import { periodFigures, yearsWithDecisions } from "./period-figures";
import { VOLUME_SERIES, buildReport } from "./report";

const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** Standard requests of 2025, each with the hours to its decision and what else happened. */
const CASES: MetricsCase[] = [
  // 14 approvals in March, 4 of them after the 168-hour clock; three were pended first, and
  // their time counts in full (the clock is not paused while information is requested).
  ...[2, 5, 10, 20, 30, 50, 70, 100, 150, 160, 170, 200, 250, 300].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2025-03-${String(i + 1).padStart(2, "0")}`),
    steps: [
      ...(i < 6 ? ([["extend", 1]] as const) : []),
      ...(hours >= 200
        ? ([
            ["request-information", 24],
            ["reply", hours - 40],
          ] as const)
        : []),
      ["approve", hours],
    ],
  })),
  // 12 denials in April, each appealed and overturned.
  ...[24, 48, 72, 96, 120, 144, 168, 30, 40, 60, 80, 90].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2025-04-${String(i + 1).padStart(2, "0")}`),
    steps: [
      ...(i < 5 ? ([["extend", 2]] as const) : []),
      ["deny", hours],
      ["appeal", hours + 24],
      ["overturn", hours + 100],
    ],
  })),
  // Denials in May: four left as they were, two appealed and upheld.
  ...[10, 300, 400, 500].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2025-05-${String(i + 1).padStart(2, "0")}`),
    steps: [["deny", hours]],
  })),
  ...[12, 14].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2025-05-${String(i + 10).padStart(2, "0")}`),
    steps: [
      ["deny", hours],
      ["appeal", hours + 1],
      ["uphold", hours + 50],
    ],
  })),
  // The year's edges: submitted in 2024 and decided in 2025; decided at the last millisecond of
  // 2025; decided at the first millisecond of 2026.
  {
    urgency: "standard",
    submittedAt: "2024-12-28T12:00:00.000Z",
    steps: [["approve", "2025-01-02T12:00:00.000Z"]],
  },
  {
    urgency: "standard",
    submittedAt: "2025-12-30T00:00:00.000Z",
    steps: [["approve", "2025-12-31T23:59:59.999Z"]],
  },
  {
    urgency: "standard",
    submittedAt: "2025-12-30T00:00:00.000Z",
    steps: [["approve", "2026-01-01T00:00:00.000Z"]],
  },
  // Four expedited decisions in June (too few to show), one exactly at the 72-hour clock.
  ...(
    [
      ["approve", 5],
      ["approve", 72],
      ["approve", 80],
      ["deny", 20],
    ] as const
  ).map(([action, hours], i): MetricsCase => ({
    urgency: "expedited",
    submittedAt: at(`2025-06-${String(i + 1).padStart(2, "0")}`),
    steps: [[action, hours]],
  })),
  // Never decided, so never counted: pending, pended, withdrawn before any decision.
  { urgency: "standard", submittedAt: at("2025-07-01"), steps: [] },
  { urgency: "standard", submittedAt: at("2025-07-02"), steps: [["request-information", 10]] },
  {
    urgency: "standard",
    submittedAt: at("2025-07-03"),
    steps: [
      ["request-information", 10],
      ["withdraw", 20],
    ],
  },
  { urgency: "expedited", submittedAt: at("2025-07-04"), steps: [["withdraw", 1]] },
  // 2022, with rule-based approval on: twelve approved by rule at submission, two by a reviewer,
  // one denied (so its pair, the approved percent, is withheld with it).
  ...Array.from({ length: 12 }, (_, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2022-02-${String(i + 1).padStart(2, "0")}`),
    steps: [],
    ruleApproved: true,
  })),
  ...[10, 20].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: at(`2022-03-${String(i + 1).padStart(2, "0")}`),
    steps: [["approve", hours]],
  })),
  { urgency: "standard", submittedAt: at("2022-03-05"), steps: [["deny", 30]] },
];

const HOUR = 3_600_000;

describe.each(ENGINES)("public metrics on %s", (_engine, open) => {
  const t = testDatabase(open);
  beforeAll(async () => {
    for (const c of CASES)
      await playCase(t.db, c, {
        physicianId: "physician-1",
        reviewer: reviewer("rev-a"),
        director: director("dir-a"),
        appealDirector: director("dir-b", "hematology/oncology"),
      });
  }, 120_000);

  it("counts 2025's standard requests exactly: decided, outcomes, extensions, clock, mean, median", async () => {
    const expected = expectedGroups(CASES, "2025-01-01", "2026-01-01").byUrgency.standard;
    // The list above, counted by hand: 14 + 12 + 6 + 2 edge cases, the 2026 one left out; of the
    // 11 extended, the 6 approved count as "extended, then approved" (the 5 denied do not).
    expect(expected).toMatchObject({
      decided: 34,
      approved: 16,
      denied: 18,
      approvedAfterAppeal: 12,
      extended: 6,
      approvedByRule: 0,
    });
    const data = await periodFigures(t.db, yearPeriod(2025));
    expect(data.medianMs.standard).toBe(median(expected.decisionMs));
    expect(data.medianMs.standard).toBe(((72 + 80) / 2) * HOUR);
    const report = buildReport(data, smallCells);
    const f = report.figures.standard;
    expect(showCell(f.decided, "requests")).toBe("34");
    expect(showCell(f.approved, "percent")).toBe(shownPercent(16, 34));
    expect(showCell(f.approved, "percent")).toBe("47.1%");
    expect(showCell(f.denied, "percent")).toBe("52.9%");
    expect(showCell(f.approvedAfterAppeal, "percent")).toBe("35.3%");
    // 6 of 34: resting on fewer than 11 requests, withheld.
    expect(showCell(f.extended, "percent")).toBe(shownPercent(expected.extended, 34));
    expect(showCell(f.extended, "percent")).toBe(WITHHELD);
    expect(showCell(f.approvedByRule, "percent")).toBe("0.0%");
    expect(showCell(f.withinClock, "percent")).toBe(shownPercent(expected.withinClock, 34));
    expect(showCell(f.meanHours, "hours")).toBe(shownHours(mean(expected.decisionMs), 34));
    expect(showCell(f.medianHours, "hours")).toBe("76.0 hours");
  });

  it("withholds every figure of an urgency with 1 to 10 decided requests, but not its raw median", async () => {
    const expected = expectedGroups(CASES, "2025-01-01", "2026-01-01").byUrgency.expedited;
    expect(expected.decided).toBe(4);
    const data = await periodFigures(t.db, yearPeriod(2025));
    expect(data.medianMs.expedited).toBe(median(expected.decisionMs));
    expect(data.medianMs.expedited).toBe(((20 + 72) / 2) * HOUR);
    const report = buildReport(data, smallCells);
    for (const m of METRICS)
      expect(showCell(report.figures.expedited[m.key], m.unit), m.label).toBe(WITHHELD);
  });

  it("shows zero as 0 and a share of nothing as none; the edges of the year fall on the right side", async () => {
    const data2026 = await periodFigures(t.db, yearPeriod(2026));
    const report = buildReport(data2026, smallCells);
    // Only the request decided at 2026-01-01T00:00:00.000Z, 48 hours after its submission.
    expect(data2026.medianMs).toEqual({ standard: 48 * HOUR, expedited: null });
    expect(showCell(report.figures.standard.decided, "requests")).toBe(WITHHELD);
    expect(showCell(report.figures.expedited.decided, "requests")).toBe("0");
    for (const m of METRICS.filter((m) => m.key !== "decided"))
      expect(showCell(report.figures.expedited[m.key], m.unit), m.label).toBe("none");
    expect(report.volume[0]!.approved).toEqual({ kind: "suppressed" });
    expect(report.volume[1]!.approved).toEqual({ kind: "value", value: 0 });

    const empty = buildReport(await periodFigures(t.db, yearPeriod(2023)), smallCells);
    expect(empty.anyDecided).toBe(false);
    expect(showCell(empty.figures.standard.decided, "requests")).toBe("0");
    expect(await yearsWithDecisions(t.db)).toEqual([2022, 2025, 2026]);
  });

  it("counts each month's decisions by first outcome, withholding 1 to 10 and what would give them away", async () => {
    const { monthly } = expectedGroups(CASES, "2025-01-01", "2026-01-01");
    const report = buildReport(await periodFigures(t.db, yearPeriod(2025)), smallCells);
    expect(report.volume.map((v) => v.bucket.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
    );
    // A month of 1 to 10 is withheld; a month shown is exactly what was decided in it. More
    // may be withheld beside a small figure (lib/metrics/withheld.test.ts attacks them).
    for (const row of report.volume) {
      const e = monthly.get(row.bucket.key);
      for (const [cell, count] of [
        [row.approved, e?.approved ?? 0],
        [row.denied, e?.denied ?? 0],
        [row.approvedAfterAppeal, e?.approvedAfterAppeal ?? 0],
      ] as const) {
        const shown = showCell(cell, "requests");
        if (shownCount(count) === WITHHELD) expect(shown, row.bucket.key).toBe(WITHHELD);
        else expect([shownCount(count), WITHHELD], row.bucket.key).toContain(shown);
      }
    }
    const march = report.volume[2]!;
    expect([march.approved, march.denied]).toEqual([
      { kind: "value", value: 14 },
      { kind: "value", value: 0 },
    ]);
    expect(report.volume[3]!.denied).toEqual({ kind: "value", value: 12 });
    expect(report.volume[4]!.denied).toEqual({ kind: "suppressed" });
    // The expedited requests' approvals after appeal (none, of 4) would be the months' 12 less
    // the standard requests' 12: a month of approvals after appeal is withheld with them.
    expect(report.figures.standard.approvedAfterAppeal).toEqual({ kind: "value", value: 35.3 });
    expect(report.volume.some((v) => v.approvedAfterAppeal.kind === "suppressed")).toBe(true);
    expect(
      await solveWithheld(
        metricsJson(report, [], new Date()) as unknown as PublishedYear,
        SUPPRESSED,
      ),
    ).toEqual([]);
    // The solver's WebAssembly loads on first use: seconds on a busy machine.
  }, 60_000);

  it("writes the same cells to CSV and JSON, withheld ones as the words", async () => {
    const report = buildReport(await periodFigures(t.db, yearPeriod(2025)), smallCells);
    const csv = metricsCsv(report).trimEnd().split("\r\n");
    expect(csv[0]).toBe("period,urgency,metric,value,unit");
    expect(csv).toContain("2025,standard,Requests decided,34,requests");
    expect(csv).toContain("2025,standard,Approved,47.1,percent");
    expect(csv).toContain("2025,standard,Median decision time,76.0,hours");
    expect(csv).toContain(`2025,expedited,Approved,${WITHHELD},percent`);
    expect(csv).toContain("2025-03,both,Approved,14,requests");
    expect(csv).toContain(`2025-05,both,Denied,${WITHHELD},requests`);
    expect(csv).toHaveLength(1 + URGENCIES.length * METRICS.length + 12 * VOLUME_SERIES.length);

    const json = metricsJson(report, [], new Date("2026-11-27T00:00:00.000Z"));
    expect(json.urgencies.standard).toMatchObject({
      decided: 34,
      approved: 47.1,
      medianHours: 76,
    });
    expect(json.urgencies.expedited!.decided).toBe(WITHHELD);
    expect(json.monthly[2]).toEqual({
      month: "2025-03",
      approved: 14,
      denied: 0,
      approvedAfterAppeal: 0,
    });
  });

  it("counts the share approved by rule, and withholds the approved percent with a withheld denied one", async () => {
    const expected = expectedGroups(CASES, "2022-01-01", "2023-01-01").byUrgency.standard;
    expect(expected).toMatchObject({ decided: 15, approved: 14, denied: 1, approvedByRule: 12 });
    const report = buildReport(await periodFigures(t.db, yearPeriod(2022)), smallCells);
    const f = report.figures.standard;
    expect(showCell(f.decided, "requests")).toBe("15");
    expect(showCell(f.approvedByRule, "percent")).toBe(shownPercent(12, 15));
    expect(showCell(f.approvedByRule, "percent")).toBe("80.0%");
    // 1 denial is withheld; 14 of 15 approved would give it away, so it is withheld too.
    expect([showCell(f.approved, "percent"), showCell(f.denied, "percent")]).toEqual(
      shownApprovedDenied(expected),
    );
    expect(showCell(f.approved, "percent")).toBe(WITHHELD);
    // A rule approves at submission: no time passes.
    expect(expected.decisionMs.filter((ms) => ms === 0)).toHaveLength(12);
  });

  it("keeps the daily summary equal to the requests it summarizes", async () => {
    const recount = await sql<Record<string, unknown>>`
      SELECT substr(decided_at, 1, 10) AS day, urgency, count(*) AS decided,
        sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS approved,
        sum(CASE WHEN status = 'approved' AND extended_at IS NOT NULL THEN 1 ELSE 0 END)
          AS extended_approved,
        sum(approved_by_rule) AS by_rule,
        sum(decision_ms) AS total
      FROM requests WHERE decided_at IS NOT NULL
      GROUP BY substr(decided_at, 1, 10), urgency ORDER BY 1, 2`.execute(t.db.kysely);
    const summary = await t.db.kysely
      .selectFrom("metrics_daily")
      .select([
        "day",
        "urgency",
        "decided",
        "approved",
        "extended_approved",
        "approved_by_rule as by_rule",
        "decision_ms_total as total",
      ])
      .where("decided", "<>", 0)
      .orderBy("day")
      .orderBy("urgency")
      .execute();
    const numbers = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        r.day,
        r.urgency,
        Number(r.decided),
        Number(r.approved),
        Number(r.extended_approved),
        Number(r.by_rule),
        Number(r.total),
      ]);
    expect(numbers(summary)).toEqual(numbers(recount.rows));
  });
});

describe("the expectation helpers themselves", () => {
  it("work a small list out by hand", () => {
    const cases: MetricsCase[] = [
      { urgency: "standard" as Urgency, submittedAt: at("2025-01-01"), steps: [["deny", 10]] },
    ];
    const { byUrgency } = expectedGroups(cases, "2025-01-01", "2026-01-01");
    expect(byUrgency.standard).toMatchObject({ decided: 1, denied: 1, decisionMs: [10 * HOUR] });
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(shownPercent(0, 20)).toBe("0.0%");
    expect(shownCount(0)).toBe("0");
  });
});
