import type { Person } from "@/lib/auth/people";
import { AUDIT_ACTION_LABELS, personText, utc } from "@/lib/requests/labels";

/** Who did what to the request and when (UTC), from the append-only audit table, in plain words. */
export function AuditTrail({
  events,
}: {
  events: readonly { at: string; actor: Person | null; action: string }[];
}) {
  return (
    <ol className="mt-2 space-y-1 text-sm">
      {events.map((event, i) => (
        <li key={i}>
          {utc(event.at)} — {AUDIT_ACTION_LABELS[event.action] ?? "Other event"} —{" "}
          {event.actor ? personText(event.actor) : "the system"}
        </li>
      ))}
    </ol>
  );
}
