import type { Metadata } from "next";
import Link from "next/link";
import { SearchForm } from "@/components/requests/search-form";
import { requireRole } from "@/lib/auth/current-user";
import type { RequestStatus, Urgency } from "@/lib/db/schema";
import { STATUS_LABELS, URGENCY_LABELS, timeLeft, utc } from "@/lib/requests/labels";
import { finalDeterminations } from "@/lib/server/policies";
import { isUndecided } from "@/lib/requests/state-machine";
import { reviewQueue, type QueueFilter } from "@/lib/requests/repository";
import { pasOrigins } from "@/lib/pas/repository";
import { appContext } from "@/lib/server/app-context";
import { field, secondaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Review queue" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
  allowed.includes(value as T) ? (value as T) : undefined;

const STATUSES = Object.keys(STATUS_LABELS) as RequestStatus[];
const URGENCIES = Object.keys(URGENCY_LABELS) as Urgency[];

// Filters and the page cursor are in the URL (none of them is patient data); search is a POST.
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireRole(["reviewer", "admin"], "/review");
  const params = await searchParams;
  const final = finalDeterminations();
  const labelOf = (value: string) => final.find((d) => d.value === value)?.label ?? value;
  const filter: QueueFilter = {
    status: pick(one(params.status), STATUSES),
    determination: pick(
      one(params.determination),
      final.map((d) => d.value),
    ),
    urgency: pick(one(params.urgency), URGENCIES),
    overdue: one(params.overdue) === "1",
  };
  const afterDue = one(params.afterDue);
  const afterId = Number(one(params.afterId));
  const after =
    afterDue && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(afterDue) && Number.isInteger(afterId)
      ? { dueAt: afterDue, id: afterId }
      : undefined;
  const { db } = await appContext();
  const { rows, next } = await reviewQueue(db, filter, { after, limit: 50 });
  const viaPas = await pasOrigins(
    db,
    rows.map((r) => r.reference),
  );

  const nextHref = next
    ? `/review?${new URLSearchParams({
        ...Object.fromEntries(
          Object.entries(filter)
            .filter(([, v]) => v)
            .map(([k, v]) => [k, v === true ? "1" : String(v)]),
        ),
        afterDue: next.dueAt,
        afterId: String(next.id),
      })}`
    : undefined;
  const select = `${field} block`;

  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <p className="mt-2">
        <Link href="/review/metrics" prefetch={false} className="text-blue-800 underline">
          Review metrics
        </Link>
        : open cases, due today, overdue, this week&rsquo;s decisions and the last 90 days.
      </p>
      <SearchForm />
      <form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-4"
        aria-label="Filter the queue"
      >
        <label>
          Status
          <select name="status" defaultValue={filter.status ?? ""} className={select}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Determination
          <select name="determination" defaultValue={filter.determination ?? ""} className={select}>
            <option value="">Any</option>
            {final.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Urgency
          <select name="urgency" defaultValue={filter.urgency ?? ""} className={select}>
            <option value="">Any</option>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {URGENCY_LABELS[u]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} /> Overdue
          only
        </label>
        <button type="submit" className={secondaryButton}>
          Apply filters
        </button>
      </form>

      <table className="mt-6 w-full text-left text-sm">
        <caption className="sr-only">Requests, soonest due first</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th className="py-2 pr-3">Reference</th>
            <th className="py-2 pr-3">Patient</th>
            <th className="py-2 pr-3">Submitted</th>
            <th className="py-2 pr-3">Urgency</th>
            <th className="py-2 pr-3">Due</th>
            <th className="py-2 pr-3">Time left</th>
            <th className="py-2 pr-3">Determination</th>
            <th className="py-2 pr-3">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reference} className="border-b border-slate-200">
              <td className="py-2 pr-3">
                <Link
                  href={`/review/${r.reference}`}
                  prefetch={false}
                  className="text-blue-800 underline"
                >
                  {r.reference}
                </Link>
                {viaPas.has(r.reference) ? (
                  <span className="block text-xs">via PAS ({viaPas.get(r.reference)})</span>
                ) : null}
              </td>
              <td className="py-2 pr-3">{r.patientName}</td>
              <td className="py-2 pr-3">{utc(r.submittedAt)}</td>
              <td className="py-2 pr-3">{URGENCY_LABELS[r.urgency]}</td>
              <td className="py-2 pr-3">
                {utc(r.dueAt)}
                {r.extendedAt ? (
                  <span className="block text-xs">Extended: {r.extensionReason}</span>
                ) : null}
              </td>
              <td className="py-2 pr-3">
                {isUndecided(r.status) ? timeLeft(r.dueAt) : "Closed"}
                {r.status === "more-information" ? (
                  <span className="block text-xs">Waiting for the physician; clock running</span>
                ) : null}
              </td>
              <td className="py-2 pr-3">{labelOf(r.determination)}</td>
              <td className="py-2 pr-3">
                {r.appealedAt ? (
                  <span className="mr-1 rounded bg-violet-100 px-1 text-xs font-semibold text-violet-900">
                    Appeal
                  </span>
                ) : null}
                {STATUS_LABELS[r.status]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="mt-4">No requests match.</p> : null}
      {nextHref ? (
        <p className="mt-4">
          <Link href={nextHref} prefetch={false} className="text-blue-800 underline">
            Next page
          </Link>
        </p>
      ) : null}
    </main>
  );
}
