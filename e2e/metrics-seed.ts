// The requests the e2e server seeds for the metrics pages (scripts/e2e-server.ts): a year no
// other test decides in, with known histories, so e2e/metrics.spec.ts can work out every figure
// /metrics?year=2024 must show. Pure data, loaded by the spec and by the seed.
import type { MetricsCase } from "../test/metrics-expected";

export const METRICS_YEAR = 2024;

const may = (day: number) => `2024-05-${String(day).padStart(2, "0")}T08:00:00.000Z`;

export const METRICS_CASES: MetricsCase[] = [
  // Eleven standard approvals and one denial in May: 12 decided, every figure shown but the
  // denial's; one approval after information was requested (its whole time counts), two after
  // the 7-day clock.
  ...[3, 8, 20, 26, 40, 47, 60, 90, 120, 180, 200].map((hours, i): MetricsCase => ({
    urgency: "standard",
    submittedAt: may(i + 1),
    steps:
      hours === 200
        ? [
            ["request-information", 5],
            ["reply", 150],
            ["approve", hours],
          ]
        : [["approve", hours]],
  })),
  { urgency: "standard", submittedAt: may(20), steps: [["deny", 30]] },
  // Two expedited approvals in June: too few to show.
  { urgency: "expedited", submittedAt: "2024-06-03T08:00:00.000Z", steps: [["approve", 10]] },
  { urgency: "expedited", submittedAt: "2024-06-04T08:00:00.000Z", steps: [["approve", 50]] },
];

/** A request Reviewer One decides while the server starts, for the dashboard's week. */
export const THIS_WEEK_CASE = (now: Date): MetricsCase => ({
  urgency: "standard",
  submittedAt: new Date(now.getTime() - 60_000).toISOString(),
  steps: [["approve", new Date(now.getTime() - 1).toISOString()]],
});
