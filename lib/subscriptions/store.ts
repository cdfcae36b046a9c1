import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import type { Database, SubscriptionsTable } from "@/lib/db/schema";
import { responseFor } from "@/lib/pas/response-for";
import { clientActorId } from "@/lib/audit/actors";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { endpointProblem, type StoredSubscription, type SubscriptionInput } from "./topic";

// The stored subscriptions and their outbox. A subscription belongs to the client that made it:
// another client's is answered as one that does not exist. Events are queued in the transaction
// that changed the request (queueNotifications), numbered from the subscription's own counter in
// that transaction, so the numbers have no gaps and a rolled-back change queues nothing.

type Row = Selectable<SubscriptionsTable>;

export const stored = (row: Row): StoredSubscription => ({
  id: row.id,
  status: row.status,
  orgIdentifier: row.org_identifier,
  endpoint: row.endpoint,
  headers: JSON.parse(row.headers_json) as string[],
  content: row.content,
  reason: row.reason,
  end: row.end_at,
  error: row.error,
  eventsSinceStart: Number(row.events_since_start),
});

/** The hosts registered for this client's endpoints (smart:client:add --notify-host). */
export async function notifyHosts(db: Kysely<Database>, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("smart_client_notify_hosts")
    .select("host")
    .where("client_id", "=", clientId)
    .execute();
  return rows.map((r) => r.host);
}

export type Checked =
  { ok: true } | { ok: false; status: 400 | 403; expression: string; message: string };

/**
 * Whether this client may subscribe so: the filter's NPI registered to it (else 403: it would be
 * told of another provider's requests), the endpoint https on a host registered to it (a host
 * not registered: 403; not https: 400).
 */
export async function checkSubscription(
  db: Db,
  clientId: string,
  input: SubscriptionInput,
): Promise<Checked> {
  const npi = await db.kysely
    .selectFrom("smart_client_npis")
    .select("npi")
    .where("client_id", "=", clientId)
    .where("npi", "=", input.orgIdentifier)
    .executeTakeFirst();
  if (!npi)
    return {
      ok: false,
      status: 403,
      expression: "Subscription._criteria.extension[0].valueString",
      message: `NPI ${input.orgIdentifier} is not registered to this client: it may subscribe only for the providers registered to it (smart:client:add --npi), and is told only of the requests it sent.`,
    };
  const hosts = await notifyHosts(db.kysely, clientId);
  const problem = endpointProblem(input.endpoint, hosts);
  if (problem)
    return {
      ok: false,
      status: problem.status,
      expression: "Subscription.channel.endpoint",
      message: problem.message,
    };
  return { ok: true };
}

export async function findSubscription(db: Db, clientId: string, id: string) {
  const row = await db.kysely
    .selectFrom("subscriptions")
    .selectAll()
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return row ? stored(row) : undefined;
}

const audit = (
  db: Kysely<Database>,
  holder: TokenHolder,
  action: string,
  s: { id: string; status: string },
  now: Date,
) =>
  recordAudit(
    db,
    {
      actorId: clientActorId(holder.clientId),
      action,
      detail: { client: holder.clientName, subscription: s.id, status: s.status },
    },
    now,
  );

/** The columns a Subscription's create and update both write from what the client sent. */
const inputColumns = (input: SubscriptionInput) => ({
  status: input.status,
  org_identifier: input.orgIdentifier,
  endpoint: input.endpoint,
  headers_json: JSON.stringify(input.headers),
  content: input.content,
  reason: input.reason,
  end_at: input.end,
  error: null,
});

/** Stores a new subscription as requested (the handshake makes it active or off). */
export async function insertSubscription(
  db: Db,
  holder: TokenHolder,
  input: SubscriptionInput,
  now = new Date(),
): Promise<StoredSubscription> {
  const id = randomUUID();
  const row = await db.kysely.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("subscriptions")
      .values({
        id,
        client_id: holder.clientId,
        ...inputColumns(input),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, holder, "subscription.created", inserted, now);
    return inserted;
  });
  return stored(row);
}

/**
 * Replaces a subscription's channel, filter and status (an update). The event counter and the
 * queued events stay: a changed endpoint gets the ones not yet delivered, after a new handshake.
 */
export async function replaceSubscription(
  db: Db,
  holder: TokenHolder,
  id: string,
  input: SubscriptionInput,
  now = new Date(),
): Promise<StoredSubscription | undefined> {
  const row = await db.kysely.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("subscriptions")
      .set({
        ...inputColumns(input),
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .where("client_id", "=", holder.clientId)
      .returningAll()
      .executeTakeFirst();
    if (updated) await audit(trx, holder, "subscription.updated", updated, now);
    return updated;
  });
  return row ? stored(row) : undefined;
}

/** Deletes a subscription and every event not yet delivered: nothing more is sent for it. */
export async function deleteSubscription(
  db: Db,
  holder: TokenHolder,
  id: string,
  now = new Date(),
): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("subscriptions")
      .select(["id", "status"])
      .where("id", "=", id)
      .where("client_id", "=", holder.clientId)
      .executeTakeFirst();
    if (!found) return false;
    await trx.deleteFrom("subscription_events").where("subscription_id", "=", id).execute();
    await trx.deleteFrom("subscriptions").where("id", "=", id).execute();
    await audit(trx, holder, "subscription.deleted", found, now);
    return true;
  });
}

/** Deletes every subscription of a client and their events (the client's removal). */
export async function dropSubscriptionsOf(trx: Kysely<Database>, clientId: string) {
  const ids = trx.selectFrom("subscriptions").select("id").where("client_id", "=", clientId);
  await trx.deleteFrom("subscription_events").where("subscription_id", "in", ids).execute();
  await trx.deleteFrom("subscriptions").where("client_id", "=", clientId).execute();
}

/** Sets the status after a handshake or a delivery (only while `owner` holds the lease). */
export async function setStatus(
  db: Db,
  id: string,
  status: "active" | "error" | "off",
  error: string | null,
  now = new Date(),
) {
  await db.kysely
    .updateTable("subscriptions")
    .set({ status, error, updated_at: now.toISOString() })
    .where("id", "=", id)
    .execute();
}

/**
 * Queues one event for every subscription told of this request: of the client that sent it (over
 * PAS), for the request's NPI, not off and not ended. Runs in the
 * transaction that changed the request's PAS response; the event carries that response. A
 * subscription already told this very response gets none. Returns how many were queued.
 */
export async function queueNotifications(
  db: Db,
  trx: Kysely<Database>,
  reference: string,
  npi: string,
  now: Date,
): Promise<number> {
  const subscriptions = await trx
    .selectFrom("subscriptions")
    .innerJoin("pas_submissions", "pas_submissions.client_id", "subscriptions.client_id")
    .select("subscriptions.id")
    .where("pas_submissions.reference", "=", reference)
    .where("subscriptions.org_identifier", "=", npi)
    // A requested one is queued for too: sent once its handshake makes it active.
    .where("subscriptions.status", "in", ["requested", "active", "error"])
    .where((eb) =>
      eb.or([
        eb("subscriptions.end_at", "is", null),
        eb("subscriptions.end_at", ">", now.toISOString()),
      ]),
    )
    .orderBy("subscriptions.id")
    .execute();
  if (subscriptions.length === 0) return 0;
  const { entries, code, timestamp } = await responseFor({ ...db, kysely: trx }, reference);
  const response = JSON.stringify({ entries, timestamp });
  let queued = 0;
  for (const { id } of subscriptions) {
    // A step that leaves the response as this subscription was last told it (a CDex part sent
    // with Final false) tells it nothing new: no event.
    const last = await trx
      .selectFrom("subscription_events")
      .select("response_json")
      .where("subscription_id", "=", id)
      .where("request_reference", "=", reference)
      .orderBy("event_number", "desc")
      .executeTakeFirst();
    if (last?.response_json === response) continue;
    queued++;
    const counted = await trx
      .updateTable("subscriptions")
      .set((eb) => ({ events_since_start: eb("events_since_start", "+", 1) }))
      .where("id", "=", id)
      .returning("events_since_start")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("subscription_events")
      .values({
        subscription_id: id,
        event_number: Number(counted.events_since_start),
        request_reference: reference,
        review_action_code: code,
        response_json: response,
        created_at: now.toISOString(),
        next_attempt_at: now.toISOString(),
      })
      .execute();
  }
  return queued;
}
