import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { requireRole } from "@/lib/server/current-user";
import { STATE_LABELS } from "@/lib/request-model/state-machine";
import { RETROSPECTIVE_FLAG } from "@/lib/requests/labels";
import { requestsOfPhysician } from "@/lib/requests/repository";
import { serviceOf, serviceText } from "@/lib/requests/service";
import { appContext } from "@/lib/server/app-context";
import { policies, policyOfRequest } from "@/lib/server/policies";
import { wizardHref } from "@/lib/server/policy-links";

export const metadata: Metadata = { title: "My requests" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** What the physician has to do, or what they are waiting for, beside the status. */
const NEXT: Partial<Record<string, string>> = {
  "more-information": "Your reply is needed",
  denied: "You may appeal",
};

// A page of the physician's own requests, newest first; the cursor (a time and an id) is in the
// URL, never patient data.
export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireRole(["physician"], "/requests");
  const params = await searchParams;
  const beforeAt = one(params.before);
  const beforeId = Number(one(params.beforeId));
  const before =
    beforeAt && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(beforeAt) && Number.isInteger(beforeId)
      ? { submittedAt: beforeAt, id: beforeId }
      : undefined;
  const newRequestHref = wizardHref(policies.defaultId);
  const { rows, next } = await requestsOfPhysician((await appContext()).db, user.id, {
    before,
    policyOf: policyOfRequest,
  });
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">My requests</h1>
        {/* A new request starts at the questionnaire (or its saved draft); its answers carry on to
            the submission form, which cannot be filled without them. */}
        <Link href={newRequestHref} prefetch={false} className="text-blue-800 underline">
          Submit a new request
        </Link>
      </div>
      {rows.length === 0 && !before ? (
        <p className="mt-6">
          No requests yet. Answer the{" "}
          <Link href={newRequestHref} prefetch={false} className="text-blue-800 underline">
            questionnaire
          </Link>
          , then submit it.
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <caption className="sr-only">My requests, newest first</caption>
          <thead>
            <tr className="border-b border-slate-400">
              {["Reference", "Patient", "Service (CPT)", "Planned date", "Status", "Submitted"].map(
                (h) => (
                  <th key={h} scope="col" className="py-2 pr-4">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.reference} className="border-b border-slate-200">
                <td className="py-2 pr-4">
                  <Link
                    href={`/requests/${r.reference}`}
                    prefetch={false}
                    className="text-blue-800 underline"
                  >
                    {r.reference}
                  </Link>
                </td>
                <td className="py-2 pr-4">{r.patientName}</td>
                <td className="py-2 pr-4">
                  {serviceText(serviceOf(policyOfRequest(r), r.answers))}
                </td>
                <td className="py-2 pr-4">
                  {r.serviceDate}
                  {r.retrospective ? (
                    <span className="block text-xs">{RETROSPECTIVE_FLAG}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  {STATE_LABELS[r.status]}
                  {NEXT[r.status] ? (
                    <span className="block text-xs font-semibold">{NEXT[r.status]}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  <LocalTime iso={r.submittedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p className="mt-4">
          <Link
            href={`/requests?${new URLSearchParams({ before: next.submittedAt, beforeId: String(next.id) })}`}
            prefetch={false}
            className="text-blue-800 underline"
          >
            Older requests
          </Link>
        </p>
      ) : null}
    </main>
  );
}
