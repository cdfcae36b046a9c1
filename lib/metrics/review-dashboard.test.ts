import { beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import type { Role } from "@/lib/request-model/roles";
import { createUser } from "@/lib/auth/users";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { playCase } from "@/test/metrics-cases";
import { expectedGroups, mean, median, type MetricsCase } from "@/test/metrics-expected";
import { noSuppression } from "./cells";
import { lastDays, weekStart } from "./period";
import { periodFigures } from "./period-figures";
import { buildReport } from "./report";
import { queueNow } from "./review-dashboard";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

/** A Thursday afternoon; the week began on Monday 2026-11-23. */
const NOW = new Date("2026-11-26T15:00:00.000Z");
const before = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const CASES: MetricsCase[] = [
  // Open, in each state the dashboard counts.
  { urgency: "standard", submittedAt: before(10), steps: [] },
  { urgency: "expedited", submittedAt: before(70), steps: [] }, // due 17:00 today
  { urgency: "expedited", submittedAt: before(80), steps: [] }, // overdue by 8 hours
  { urgency: "standard", submittedAt: before(200), steps: [["request-information", 1]] }, // overdue
  {
    urgency: "standard",
    submittedAt: before(20),
    steps: [
      ["request-information", 1],
      ["reply", 2],
    ],
  },
  {
    urgency: "standard",
    submittedAt: "2026-11-01T09:00:00.000Z",
    steps: [
      ["deny", 24],
      ["appeal", before(1)],
    ],
  },
  // Decided this week (and last).
  {
    urgency: "standard",
    submittedAt: "2026-11-22T10:00:00.000Z",
    steps: [
      ["request-information", "2026-11-22T20:00:00.000Z"],
      ["reply", "2026-11-22T21:00:00.000Z"],
      ["approve", "2026-11-23T09:00:00.000Z"],
    ],
  },
  {
    urgency: "expedited",
    submittedAt: "2026-11-23T09:00:00.000Z",
    steps: [
      ["deny", "2026-11-24T09:00:00.000Z"],
      ["appeal", "2026-11-24T12:00:00.000Z"],
      ["overturn", "2026-11-25T12:00:00.000Z"],
    ],
  },
  { urgency: "standard", submittedAt: "2026-11-17T00:00:00.000Z", steps: [["deny", 80]] },
  // Either side of the 90 days' first instant, 2026-08-29T00:00:00.000Z.
  {
    urgency: "standard",
    submittedAt: "2026-08-25T00:00:00.000Z",
    steps: [["approve", "2026-08-28T23:59:59.999Z"]],
  },
  {
    urgency: "standard",
    submittedAt: "2026-08-25T00:00:00.000Z",
    steps: [["approve", "2026-08-29T00:00:00.000Z"]],
  },
];

describe.each(ENGINES)("the reviewer dashboard on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  beforeAll(async () => {
    const auth = createAuth(t.db, {
      appUrl: "http://localhost:3000",
      secret: process.env.AUTH_SECRET!,
    });
    const user = (name: string, role: Role, specialty?: string) =>
      createUser(auth, {
        email: `${name.split(" ")[0]!.toLowerCase()}@example.org`,
        name,
        role,
        password: "a long enough password",
        specialty,
      });
    const physician = await user("Paula Physician", "physician");
    const rita = await user("Rita Reviewer", "reviewer");
    const dora = await user("Dora Director", "medical-director", "transplant");
    const sam = await user("Sam Second", "medical-director", "hematology/oncology");
    for (const c of CASES)
      await playCase(t.db, c, {
        physicianId: physician.id,
        reviewer: { id: rita.id, role: "reviewer" },
        director: { id: dora.id, role: "medical-director", specialty: "transplant" },
        appealDirector: { id: sam.id, role: "medical-director", specialty: "hematology/oncology" },
      });
  }, 120_000);

  it("counts open cases by state, those due later today and those overdue", async () => {
    const queue = await queueNow(t.db, NOW);
    expect(queue.open).toEqual({
      pending: 3,
      "more-information": 1,
      "information-received": 1,
      "awaiting-medical-director": 0,
      appealed: 1,
    });
    expect(queue.dueToday).toBe(1);
    expect(queue.overdue).toBe(2);
  });

  it("names each reviewer and medical director with their decisions since Monday 00:00 UTC, other steps apart", async () => {
    expect(weekStart(NOW).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(weekStart(new Date("2026-11-23T00:00:00.000Z")).toISOString()).toBe(
      "2026-11-23T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-11-22T23:59:59.999Z")).toISOString()).toBe(
      "2026-11-16T00:00:00.000Z",
    );
    const { reviewers, weekFrom } = await queueNow(t.db, NOW);
    expect(weekFrom).toBe("2026-11-23T00:00:00.000Z");
    // A request for information is a step, not a decision: it is counted apart.
    expect(reviewers).toEqual([
      {
        name: "Dora Director",
        approved: 0,
        denied: 1,
        appealsDecided: 0,
        decisions: 1,
        informationRequested: 0,
        denialsRecommended: 0,
      },
      {
        name: "Rita Reviewer",
        approved: 1,
        denied: 0,
        appealsDecided: 0,
        decisions: 1,
        informationRequested: 1,
        denialsRecommended: 0,
      },
      {
        name: "Sam Second",
        approved: 0,
        denied: 0,
        appealsDecided: 1,
        decisions: 1,
        informationRequested: 0,
        denialsRecommended: 0,
      },
    ]);
  });

  it("shows every figure of the last 90 days, small ones included, by the weeks this week's decisions count in", async () => {
    const period = lastDays(NOW, 90);
    expect([period.from, period.to]).toEqual(["2026-08-29", "2026-11-27"]);
    const data = await periodFigures(t.db, period);
    const report = buildReport(data, noSuppression);
    const { byUrgency } = expectedGroups(CASES, period.from, period.to);
    for (const urgency of ["standard", "expedited"] as const) {
      const e = byUrgency[urgency];
      const f = report.figures[urgency];
      expect(f.decided).toEqual({ kind: "value", value: e.decided });
      expect(f.approved).toEqual({
        kind: "value",
        value: Math.round((e.approved / e.decided) * 1000) / 10,
      });
      expect(f.meanHours).toEqual({
        kind: "value",
        value: Math.round(mean(e.decisionMs) / 360_000) / 10,
      });
      expect(data.medianMs[urgency]).toBe(median(e.decisionMs));
    }
    expect(byUrgency.standard.decided).toBe(4);
    // Monday-to-Sunday weeks: a Saturday-and-Sunday stub where the 90 days begin, twelve whole
    // weeks, and this week up to today, the week the decisions table counts.
    expect(report.volume).toHaveLength(14);
    expect(report.volume[0]!.bucket).toMatchObject({ key: "2026-08-29", label: "Aug 29–Aug 30" });
    expect(report.volume[0]!.approved).toEqual({ kind: "value", value: 1 });
    expect(report.volume[1]!.bucket).toMatchObject({ from: "2026-08-31", to: "2026-09-07" });
    expect(report.volume.at(-1)!.bucket).toMatchObject({ from: "2026-11-23", to: "2026-11-27" });
    expect(report.volume.at(-1)!.bucket.from).toBe(
      (await queueNow(t.db, NOW)).weekFrom.slice(0, 10),
    );
  });
});
