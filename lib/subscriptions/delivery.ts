import "server-only";
import { randomUUID } from "node:crypto";
import type { Bundle, BundleEntry } from "@medplum/fhirtypes";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import { nameBasedUuid } from "@/lib/fhir/name-based-uuid";
import { responseBundle } from "@/lib/pas/claim-response";
import { clientActorId } from "@/lib/audit/actors";
import { notifyHosts, setStatus, stored } from "./store";
import { endpointProblem, FHIR_JSON, notificationBundle, type StoredSubscription } from "./topic";

// Delivery: one subscription at a time under a lease in the database (a conditional update, the
// same on SQLite and PostgreSQL, across processes), its events in number order, each posted once
// per attempt with a timeout and no redirect followed, to the endpoint only while its host is
// still registered to the client. A failure waits (1 s, 2 s, 4 s … at most 5 min) and blocks the
// events after it, so none overtakes another; a copy sent again carries the same event number.

/** No answer within this time is a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A lease outlasts one attempt: a worker that died mid-delivery is taken over after this. */
export const LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
const MAX_BACKOFF_MS = 300_000;
/** After this many failed attempts in a row the subscription shows status error (still retried). */
const ERROR_AFTER = 3;
/** Events sent under one lease before another subscription gets its turn. */
const BATCH = 20;

export const backoffMs = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/** Takes the subscription's lease for `owner` if nobody holds a live one. */
export async function claimLease(db: Db, id: string, owner: string, now = new Date()) {
  const result = await db.kysely
    .updateTable("subscriptions")
    .set({ lease_owner: owner, lease_until: later(now, LEASE_MS) })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb("lease_until", "is", null),
        eb("lease_until", "<", now.toISOString()),
        eb("lease_owner", "=", owner),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Db, id: string, owner: string) {
  await db.kysely
    .updateTable("subscriptions")
    .set({ lease_owner: null, lease_until: null })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

export type Posted = { ok: true } | { ok: false; error: string };

const headerPairs = (headers: readonly string[]) =>
  headers.map((h) => {
    const at = h.indexOf(":");
    return [h.slice(0, at).trim(), h.slice(at + 1).trim()] as [string, string];
  });

/** POSTs a notification: a 2xx answer within the timeout is delivered; nothing else is. */
export async function postNotification(
  s: Pick<StoredSubscription, "endpoint" | "headers">,
  bundle: Bundle,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<Posted> {
  try {
    const response = await fetch(s.endpoint, {
      method: "POST",
      headers: [...headerPairs(s.headers), ["Content-Type", FHIR_JSON]],
      body: JSON.stringify(bundle),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return {
      ok: false,
      error:
        response.status >= 300 && response.status < 400
          ? `the endpoint answered ${response.status} (a redirect is never followed)`
          : `the endpoint answered ${response.status}`,
    };
  } catch (error) {
    const name = (error as Error).name;
    return {
      ok: false,
      error:
        name === "TimeoutError"
          ? `no answer within ${timeoutMs / 1000} s`
          : "the endpoint could not be reached",
    };
  }
}

/** Posts the handshake (under the lease): active when the endpoint answers 2xx, off otherwise. */
export async function handshake(db: Db, base: string, s: StoredSubscription, now = new Date()) {
  const owner = `handshake:${randomUUID()}`;
  // Another worker may be sending an event of this subscription: wait for its lease.
  for (let waited = 0; !(await claimLease(db, s.id, owner)); waited += 250) {
    if (waited > LEASE_MS) {
      const error =
        "The handshake could not be sent: a delivery to this subscription did not finish. Update it (PUT, status requested) to try again.";
      await setStatus(db, s.id, "off", error);
      return { ...s, status: "off" as const, error };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    const active: StoredSubscription = { ...s, status: "active", error: null };
    const posted = await postNotification(
      s,
      notificationBundle(
        base,
        active,
        "handshake",
        [],
        { bundle: randomUUID(), status: randomUUID() },
        now.toISOString(),
      ),
    );
    const after: StoredSubscription = posted.ok
      ? active
      : {
          ...s,
          status: "off",
          error: `The handshake failed: ${posted.error}. Nothing is sent to this subscription; update it (PUT, status requested) to try again.`,
        };
    await setStatus(db, s.id, after.status as "active" | "off", after.error);
    return after;
  } finally {
    await releaseLease(db, s.id, owner);
  }
}

/** The subscriptions with an event due and nobody's live lease. */
export async function dueSubscriptions(db: Db, now = new Date(), limit = 20) {
  const rows = await db.kysely
    .selectFrom("subscription_events")
    .innerJoin("subscriptions", "subscriptions.id", "subscription_events.subscription_id")
    .select("subscriptions.id")
    .distinct()
    .where("subscription_events.delivered_at", "is", null)
    .where("subscription_events.next_attempt_at", "<=", now.toISOString())
    .where("subscriptions.status", "in", ["active", "error"])
    .where((eb) =>
      eb.or([
        eb("subscriptions.lease_until", "is", null),
        eb("subscriptions.lease_until", "<", now.toISOString()),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Sends a subscription's due events in number order under its lease, stopping at the first that
 * fails (it waits for its backoff, and the ones after it with it). Returns how many were delivered.
 */
export async function deliverDue(
  db: Db,
  id: string,
  owner: string,
  base: string,
  clock: () => Date = () => new Date(),
): Promise<number> {
  if (!(await claimLease(db, id, owner, clock()))) return 0;
  let delivered = 0;
  try {
    for (let i = 0; i < BATCH; i++) {
      const now = clock();
      const row = await db.kysely
        .selectFrom("subscriptions")
        .selectAll()
        .where("id", "=", id)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      if (!row || (row.status !== "active" && row.status !== "error")) return delivered;
      const s = stored(row);
      const event = await db.kysely
        .selectFrom("subscription_events")
        .selectAll()
        .where("subscription_id", "=", id)
        .where("delivered_at", "is", null)
        .orderBy("event_number")
        .limit(1)
        .executeTakeFirst();
      if (!event || event.next_attempt_at > now.toISOString()) return delivered;
      // The host must still be registered to the client: removing it stops deliveries.
      const problem = endpointProblem(s.endpoint, await notifyHosts(db.kysely, row.client_id));
      if (problem) {
        await setStatus(
          db,
          id,
          "off",
          `Notifications stopped: the endpoint ${problem.message}.`,
          now,
        );
        return delivered;
      }
      const { entries, timestamp } = JSON.parse(event.response_json) as {
        entries: BundleEntry[];
        timestamp: string;
      };
      const number = Number(event.event_number);
      const bundle = notificationBundle(
        base,
        { ...s, eventsSinceStart: number },
        "event-notification",
        [
          {
            eventNumber: number,
            timestamp: event.created_at,
            focus: entries[0]!.fullUrl!,
            response: {
              url: `urn:uuid:${nameBasedUuid(`${id}|${number}|response`)}`,
              bundle: responseBundle(entries, timestamp),
            },
          },
        ],
        { bundle: randomUUID(), status: nameBasedUuid(`${id}|${number}|status`) },
        now.toISOString(),
      );
      // Renewed before each attempt, so the lease outlasts it.
      if (!(await claimLease(db, id, owner, now))) return delivered;
      const posted = await postNotification(s, bundle);
      const attempts = Number(event.attempts) + 1;
      const at = clock();
      await db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable("subscription_events")
          .set(
            posted.ok
              ? { attempts, delivered_at: at.toISOString(), last_error: null }
              : {
                  attempts,
                  next_attempt_at: later(at, backoffMs(attempts)),
                  last_error: posted.error,
                },
          )
          .where("subscription_id", "=", id)
          .where("event_number", "=", number)
          .execute();
        const status = posted.ok ? "active" : attempts >= ERROR_AFTER ? "error" : row.status;
        if (status !== row.status)
          await trx
            .updateTable("subscriptions")
            .set({
              status,
              error: posted.ok ? null : `Deliveries are failing: ${posted.error}; retried.`,
              updated_at: at.toISOString(),
            })
            .where("id", "=", id)
            .execute();
        // Each delivery, and the first failures (then one an hour), in the request's audit trail.
        if (posted.ok || attempts <= 5 || attempts % 12 === 0)
          await recordAudit(
            trx,
            {
              actorId: clientActorId(row.client_id),
              action: posted.ok ? "request.notified" : "request.notification-failed",
              requestReference: event.request_reference,
              detail: {
                subscription: id,
                eventNumber: number,
                reviewActionCode: event.review_action_code,
                attempt: attempts,
                ...(posted.ok ? {} : { error: posted.error }),
              },
            },
            at,
          );
      });
      if (!posted.ok) return delivered;
      delivered++;
    }
    return delivered;
  } finally {
    await releaseLease(db, id, owner);
  }
}
