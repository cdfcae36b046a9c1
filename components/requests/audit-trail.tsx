import type { Person } from "@/lib/auth/people";
import { LocalTime } from "@/components/ui/local-time";
import { AUDIT_ACTION_LABELS, personText } from "@/lib/requests/labels";

/** Who did what to the request and when (local time, UTC on hover), from the append-only audit table, in plain words. */
export function AuditTrail({
  events,
}: {
  events: readonly { at: string; actor: Person | null; action: string }[];
}) {
  return (
    <ol className="mt-2 space-y-1 text-sm">
      {events.map((event, i) => (
        <li key={i}>
          <LocalTime iso={event.at} /> — {AUDIT_ACTION_LABELS[event.action] ?? "Other event"} —{" "}
          {event.actor ? personText(event.actor) : "the system"}
        </li>
      ))}
    </ol>
  );
}
