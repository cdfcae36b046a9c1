import type { Metadata } from "next";
import Link from "next/link";
import { MetricDefinitions } from "@/components/metrics/metric-definitions";
import { ReportView } from "@/components/metrics/report-view";
import { smallCells } from "@/lib/metrics/cells";
import { RULES, SUPPRESSED } from "@/lib/metrics/definitions";
import { parseYear, yearPeriod } from "@/lib/metrics/period";
import { periodFigures, yearsWithDecisions } from "@/lib/metrics/period-figures";
import { buildReport } from "@/lib/metrics/report";
import { servicesNeedingAuthorization } from "@/lib/server/prior-auth-codes";
import { utc } from "@/lib/time/utc";
import { appContext } from "@/lib/server/app-context";

export const metadata: Metadata = { title: "Prior authorization metrics" };

// Public: no sign-in, no patient data, every figure from 1 to 10 requests withheld. Rendered on
// the server only; the charts are SVG in the HTML and the page ships no script of its own.
export default async function MetricsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const now = new Date();
  const parsed = parseYear((await searchParams).year, now);
  const { db } = await appContext();
  const years = await yearsWithDecisions(db);
  const current = now.getUTCFullYear();
  const shown = parsed.ok ? parsed.year : undefined;
  const others = [...new Set([...years, current])].filter((y) => y !== shown).sort((a, b) => a - b);
  // No other year to go to: no list at all, not an empty "Other years:".
  const yearLinks =
    others.length === 0 ? null : (
      <nav aria-label="Other years" className="mt-4">
        <p>
          {parsed.ok ? "Other years: " : "Years with figures: "}
          {others.map((y, i) => (
            <span key={y}>
              {i > 0 ? ", " : ""}
              <Link
                href={`/metrics?year=${y}`}
                prefetch={false}
                className="text-blue-800 underline"
              >
                {y}
              </Link>
            </span>
          ))}
        </p>
      </nav>
    );

  if (!parsed.ok)
    return (
      <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
        <h1 className="text-2xl font-semibold">Prior authorization metrics: not a valid year</h1>
        <p className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {parsed.message}
        </p>
        {yearLinks}
      </main>
    );

  const report = buildReport(await periodFigures(db, yearPeriod(parsed.year)), smallCells);
  const services = servicesNeedingAuthorization();
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Prior authorization metrics, {parsed.year}</h1>
      <p className="mt-2 max-w-3xl">
        How requests for prior authorization were decided in {parsed.year} (UTC), for standard and
        expedited requests. No patient data is shown; any figure resting on 1 to 10 requests, and
        any from which such a figure could be worked out, is shown as &ldquo;{SUPPRESSED}&rdquo;.
        {/* In UTC like the year it counts: this public page sends no script of its own. */}
        Figures as of {utc(now.toISOString())}, read from the live database when this page was
        loaded.
      </p>
      {yearLinks}

      <section aria-labelledby="services" className="mt-8">
        <h2 id="services" className="text-xl font-semibold">
          Services that need prior authorization
        </h2>
        {/* The plan's configured list (PRIOR_AUTH_CODES), never the policy's word alone. */}
        {services.length ? (
          <ul className="mt-2 list-disc pl-6">
            {services.map((s) => (
              <li key={s.cpt}>
                CPT {s.cpt}: {s.label} <span className="text-slate-700">({s.policy})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">No service on this plan&apos;s list needs prior authorization.</p>
        )}
      </section>

      {report.anyDecided ? null : (
        <p className="mt-8 font-semibold">No request was decided in {parsed.year}.</p>
      )}
      <ReportView report={report} id="year" />

      <p className="mt-6">
        Download the figures:{" "}
        <a href={`/metrics/${parsed.year}.csv`} download className="text-blue-800 underline">
          CSV
        </a>
        ,{" "}
        <a href={`/metrics/${parsed.year}.json`} download className="text-blue-800 underline">
          JSON
        </a>{" "}
        (the same cells, withheld by the same rule).
      </p>

      <MetricDefinitions headingId="definitions" rules={RULES} />
    </main>
  );
}
