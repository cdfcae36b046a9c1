import type { Metadata } from "next";
import Link from "next/link";
import { QueueTable } from "@/components/requests/queue-table";
import { searchRequestsAction } from "@/app/actions/search-requests";
import { SearchForm } from "@/components/requests/search-form";
import { requireRole } from "@/lib/server/current-user";
import { STAFF_ROLES } from "@/lib/request-model/roles";
import { STATE_LABELS, type RequestState } from "@/lib/request-model/state-machine";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { URGENCY_LABELS } from "@/lib/requests/labels";
import { finalDeterminations, policyOfRequest } from "@/lib/server/policies";
import { reviewQueue, type QueueFilter } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { policiesWhoseAppealsFit, queueRowViews } from "@/lib/server/queue-rows";
import { field, secondaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Review queue" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
  allowed.includes(value as T) ? (value as T) : undefined;

const STATUSES = Object.keys(STATE_LABELS) as RequestState[];
const URGENCIES = Object.keys(URGENCY_LABELS) as Urgency[];

// Filters and the page cursor are in the URL (none of them is patient data); search is a POST.
// Open cases by default: "status=any" shows decided ones too.
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireRole(STAFF_ROLES, "/review");
  const params = await searchParams;
  const final = finalDeterminations();
  const status = pick(one(params.status), STATUSES);
  const any = one(params.status) === "any";
  const appealsForMe = one(params.appeals) === "mine";
  const query: Record<string, string> = {};
  for (const key of ["status", "determination", "urgency", "overdue", "due", "mine", "appeals"]) {
    const value = one(params[key]);
    if (value) query[key] = value;
  }
  const filter: QueueFilter = {
    status,
    open: !status && !any,
    determination: pick(
      one(params.determination),
      final.map((d) => d.value),
    ),
    urgency: pick(one(params.urgency), URGENCIES),
    overdue: one(params.overdue) === "1",
    dueToday: one(params.due) === "today",
    assignedTo: one(params.mine) === "1" ? user.id : undefined,
    appealsFor: appealsForMe
      ? { userId: user.id, policyIds: policiesWhoseAppealsFit(user.specialty) }
      : undefined,
  };
  const afterDue = one(params.afterDue);
  const afterId = Number(one(params.afterId));
  const after =
    afterDue && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(afterDue) && Number.isInteger(afterId)
      ? { dueAt: afterDue, id: afterId }
      : undefined;
  const { db } = await appContext();
  const { rows, next } = await reviewQueue(db, filter, {
    after,
    limit: 50,
    policyOf: policyOfRequest,
  });
  const views = await queueRowViews(db, rows, user);

  const nextHref = next
    ? `/review?${new URLSearchParams({ ...query, afterDue: next.dueAt, afterId: String(next.id) })}`
    : undefined;
  const select = `${field} block`;
  const quick = (href: string, label: string, current: boolean) => (
    <Link
      href={href}
      prefetch={false}
      aria-current={current ? "page" : undefined}
      className={`text-blue-800 underline ${current ? "font-semibold" : ""}`}
    >
      {label}
    </Link>
  );
  const described = appealsForMe
    ? "Appeals you may decide"
    : status
      ? STATE_LABELS[status]
      : any
        ? "Every request"
        : "Open requests";

  return (
    <main id="main" className="mx-auto max-w-7xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <p className="mt-2">
        <Link href="/review/metrics" prefetch={false} className="text-blue-800 underline">
          Review metrics
        </Link>
        : open cases, due today, overdue, this week&rsquo;s decisions and the last 90 days.{" "}
        <Link href="/review/rule-audits" prefetch={false} className="text-blue-800 underline">
          Rule approvals to audit
        </Link>
        .
      </p>
      <nav aria-label="Worklists" className="mt-4 flex flex-wrap gap-x-4 gap-y-1">
        {quick("/review", "Open requests", !status && !any && Object.keys(query).length === 0)}
        {quick("/review?mine=1", "Assigned to me", one(params.mine) === "1")}
        {quick(
          "/review?status=awaiting-medical-director",
          "Awaiting a medical director",
          status === "awaiting-medical-director",
        )}
        {quick("/review?appeals=mine", "Appeals I may decide", appealsForMe)}
        {quick("/review?status=any", "Every request, decided ones too", any)}
      </nav>
      {appealsForMe && user.role !== "medical-director" ? (
        <p className="mt-2 text-sm">Only a medical director decides appeals: none are yours.</p>
      ) : null}
      <SearchForm search={searchRequestsAction}>
        <form
          method="get"
          className="mt-6 flex flex-wrap items-end gap-4"
          aria-label="Filter the queue"
        >
          <label>
            Status
            <select name="status" defaultValue={status ?? (any ? "any" : "")} className={select}>
              <option value="">Open (every undecided state)</option>
              <option value="any">Any, decided ones too</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Determination
            <select
              name="determination"
              defaultValue={filter.determination ?? ""}
              className={select}
            >
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
            <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} />{" "}
            Overdue only
          </label>
          <button type="submit" className={secondaryButton}>
            Apply filters
          </button>
        </form>
        <QueueTable rows={views} caption={`${described}, soonest due first`} />
        {nextHref ? (
          <p className="mt-4">
            <Link href={nextHref} prefetch={false} className="text-blue-800 underline">
              Next page
            </Link>
          </p>
        ) : null}
      </SearchForm>
    </main>
  );
}
