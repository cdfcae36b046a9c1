import { AUDIT_ACTION_LABELS, utc } from "@/lib/requests/labels";

/** Who did what to the request and when (UTC), from the append-only audit table. */
export function AuditTrail({
  events,
}: {
  events: { at: string; actorId: string | null; action: string; detail?: string }[];
}) {
  return (
    <ol className="mt-2 space-y-1 text-sm">
      {events.map((event, i) => (
        <li key={i}>
          {utc(event.at)} — {AUDIT_ACTION_LABELS[event.action] ?? event.action} ({event.action}) —{" "}
          {actor(event)}
        </li>
      ))}
    </ol>
  );
}

/** A system that acted through PAS is named by the client name its audit row carries. */
function actor(event: { actorId: string | null; detail?: string }): string {
  if (event.actorId?.startsWith("smart-client:")) {
    let client: unknown;
    try {
      client = (JSON.parse(event.detail ?? "{}") as { client?: unknown }).client;
    } catch {}
    return `client ${typeof client === "string" ? client : event.actorId.slice(13)} (via PAS)`;
  }
  return `user ${event.actorId ?? "unknown"}`;
}
