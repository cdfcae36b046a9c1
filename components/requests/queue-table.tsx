import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { QueueRowView } from "@/lib/server/queue-rows";
import { AssignToMe } from "./assignment-form";

/**
 * The review queue's table, for the queue itself and for search results alike: what tells the
 * cases apart (patient, service and CPT, diagnosis, planned date), when each is due (local time,
 * UTC on hover), where it stands, who has it.
 */
export function QueueTable({ rows, caption }: { rows: readonly QueueRowView[]; caption: string }) {
  const th = "py-2 pr-3 align-bottom";
  const td = "py-2 pr-3 align-top";
  return (
    <div className="mt-6 overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {[
              "Reference",
              "Patient",
              "Service (CPT)",
              "Diagnosis",
              "Policy reading",
              "Planned date",
              "Urgency",
              "Due",
              "Time left",
              "Status",
              "Assigned to",
            ].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reference} className="border-b border-slate-200">
              <td className={td}>
                <Link
                  href={`/review/${r.reference}`}
                  prefetch={false}
                  className="text-blue-800 underline"
                >
                  {r.reference}
                </Link>
                {r.viaPas ? <span className="block text-xs">via PAS ({r.viaPas})</span> : null}
              </td>
              <td className={td}>{r.patientName}</td>
              <td className={td}>{r.service}</td>
              <td className={td}>{r.diagnosis}</td>
              <td className={td}>{r.reading}</td>
              <td className={td}>
                {r.serviceDate}
                {r.retrospective ? (
                  <span className="block text-xs font-semibold">Retrospective</span>
                ) : null}
              </td>
              <td className={td}>{r.urgency}</td>
              <td className={td}>
                <LocalTime iso={r.dueAt} />
                {r.extension ? <span className="block text-xs">{r.extension}</span> : null}
              </td>
              <td className={td}>
                {r.timeLeft}
                {r.waiting ? <span className="block text-xs">{r.waiting}</span> : null}
              </td>
              <td className={td}>
                {r.appeal ? (
                  <span className="mr-1 rounded bg-violet-100 px-1 text-xs font-semibold text-violet-900">
                    Appeal
                  </span>
                ) : null}
                {r.status}
                {r.appealNote ? <span className="block text-xs">{r.appealNote}</span> : null}
              </td>
              <td className={td}>
                {r.assignedTo ?? "Nobody"}
                <AssignToMe reference={r.reference} offered={r.assignable} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="mt-4">No requests match.</p> : null}
    </div>
  );
}
