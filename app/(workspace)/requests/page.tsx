import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/current-user";
import { STATUS_LABELS, utc } from "@/lib/requests/labels";
import { finalDeterminations } from "@/lib/server/policies";
import { requestsOfPhysician } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireRole(["physician"], "/requests");
  const rows = await requestsOfPhysician((await appContext()).db, user.id);
  const final = finalDeterminations();
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">My requests</h1>
        <Link href="/requests/new" prefetch={false} className="text-blue-800 underline">
          Submit a new request
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="mt-6">
          No requests yet. Answer the{" "}
          <Link href="/" prefetch={false} className="text-blue-800 underline">
            questionnaire
          </Link>
          , then submit it.
        </p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-400">
              <th className="py-2 pr-4">Reference</th>
              <th className="py-2 pr-4">Submitted</th>
              <th className="py-2 pr-4">Determination</th>
              <th className="py-2 pr-4">Status</th>
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
                <td className="py-2 pr-4">{utc(r.submittedAt)}</td>
                <td className="py-2 pr-4">
                  {final.find((d) => d.value === r.determination)?.label ?? r.determination}
                </td>
                <td className="py-2 pr-4">
                  {STATUS_LABELS[r.status]}
                  {r.status === "more-information" ? (
                    <span className="block text-xs font-semibold">Your reply is needed</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
