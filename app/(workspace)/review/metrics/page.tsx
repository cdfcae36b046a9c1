import type { Metadata } from "next";
import { MetricDefinitions } from "@/components/metrics/metric-definitions";
import { ReportView } from "@/components/metrics/report-view";
import { ScrollRegion } from "@/components/metrics/scroll-region";
import Link from "next/link";
import { requireRole } from "@/lib/server/current-user";
import { STAFF_ROLES } from "@/lib/request-model/roles";
import { noSuppression } from "@/lib/metrics/cells";
import { DASHBOARD_RULES } from "@/lib/metrics/definitions";
import { lastDays } from "@/lib/metrics/period";
import { periodFigures } from "@/lib/metrics/period-figures";
import { buildReport } from "@/lib/metrics/report";
import { OPEN_STATES, queueNow } from "@/lib/metrics/review-dashboard";
import { STATE_LABELS } from "@/lib/request-model/state-machine";
import { utc } from "@/lib/time/utc";
import { LocalTime } from "@/components/ui/local-time";
import { appContext } from "@/lib/server/app-context";

export const metadata: Metadata = { title: "Review metrics" };

const cell = "border-b border-slate-200 py-2 pr-4";

// For reviewers and admins: the queue as it stands, this week's decisions by reviewer, and the
// public page's figures and charts for the last 90 days, every figure shown (no suppression).
export default async function ReviewMetricsPage() {
  await requireRole(STAFF_ROLES, "/review/metrics");
  const now = new Date();
  const { db } = await appContext();
  const queue = await queueNow(db, now);
  const report = buildReport(await periodFigures(db, lastDays(now, 90)), noSuppression);
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Review metrics</h1>
      <p className="mt-2">
        As of <LocalTime iso={now.toISOString()} />, from the live database.
      </p>

      <div className="mt-6 grid gap-8 lg:grid-cols-2 [&>*]:min-w-0">
        <section aria-labelledby="open-cases">
          <h2 id="open-cases" className="text-xl font-semibold">
            Open cases
          </h2>
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Open cases by state, due today and overdue</caption>
            <tbody>
              {[
                ...OPEN_STATES.map(
                  (s) => [STATE_LABELS[s], queue.open[s], `/review?status=${s}`] as const,
                ),
                ["Due later today (UTC)", queue.dueToday, "/review?due=today"] as const,
                ["Overdue", queue.overdue, "/review?overdue=1"] as const,
              ].map(([label, n, href]) => (
                <tr key={label}>
                  <th scope="row" className={`${cell} font-normal`}>
                    {label}
                  </th>
                  <td className={cell}>
                    {/* Each figure opens the queue filtered to the cases it counts. */}
                    <Link
                      href={href}
                      prefetch={false}
                      className="text-blue-800 underline"
                      aria-label={`${n.toLocaleString("en-US")}: open the queue filtered to ${label.toLowerCase()}`}
                    >
                      {n.toLocaleString("en-US")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="this-week">
          <h2 id="this-week" className="text-xl font-semibold">
            Decisions this week
          </h2>
          <p className="mt-1 text-sm">Since Monday {utc(queue.weekFrom)}.</p>
          {queue.reviewers.length === 0 ? (
            <p className="mt-2">No decisions yet this week.</p>
          ) : (
            <ScrollRegion label="Decisions this week by reviewer">
              <table className="mt-2 w-full text-left text-sm">
                <caption className="sr-only">Decisions this week by reviewer</caption>
                <thead>
                  <tr className="border-b border-slate-400">
                    {[
                      "Reviewer",
                      "Approved",
                      "Denied",
                      "Appeals decided",
                      "Decisions",
                      "Information requested (not a decision)",
                      "Denials recommended (not a decision)",
                    ].map((h) => (
                      <th key={h} scope="col" className="py-2 pr-4">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {queue.reviewers.map((r, i) => (
                    <tr key={i}>
                      <th scope="row" className={`${cell} font-normal`}>
                        {r.name}
                      </th>
                      {[
                        r.approved,
                        r.denied,
                        r.appealsDecided,
                        r.decisions,
                        r.informationRequested,
                        r.denialsRecommended,
                      ].map((n, j) => (
                        <td key={j} className={cell}>
                          {n.toLocaleString("en-US")}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      </div>

      <ReportView report={report} id="last-90-days" />
      <MetricDefinitions headingId="definitions" rules={DASHBOARD_RULES} />
    </main>
  );
}
