import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "@/lib/audit/audit-log";
import { openDatabase, type Db } from "@/lib/db/database";
import {
  decideRequest,
  extendRequest,
  recommendDenial,
  type StepActor,
} from "@/lib/requests/transitions";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { findClient } from "@/lib/smart/clients";
import { removeClient } from "@/lib/smart/remove-client";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { registerEhrClients, submitSampleOverPas } from "@/test/pas-clients";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { backoffMs, claimLease, deliverDue, LEASE_MS } from "./delivery";
import {
  checkSubscription,
  deleteSubscription,
  insertSubscription,
  queueNotifications,
} from "./store";
import type { SubscriptionInput } from "./topic";

// Issue 20, item 3: the outbox on real SQLite and PostgreSQL. Events are queued in the step's own
// transaction and numbered without gaps per subscription; one delivery at a time per
// subscription, even from two handles (two server processes); a failure is retried after its
// backoff with the same event number; a deletion or a host no longer registered stops deliveries.

const BASE = "https://pa.example.org/api/fhir";
const OTHER_NPI = "1245319599";
const reviewer = { id: "reviewer-rita", role: "reviewer" as const };
const director = {
  id: "director-dora",
  role: "medical-director" as const,
  specialty: "transplant",
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A rest-hook listener: records every notification; `answer` decides the status of each. */
function listener() {
  const received: Json[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const state = { answer: 200, delayMs: 0 };
  const server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json);
      setTimeout(() => {
        inFlight--;
        res.writeHead(state.answer).end();
      }, state.delayMs);
    });
  });
  return {
    received,
    state,
    maxInFlight: () => maxInFlight,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The event numbers, review actions and request of the notifications received. */
const events = (received: Json[]) =>
  received.map((bundle) => {
    const status = bundle.entry[0].resource;
    const event = status.parameter.find((p: Json) => p.name === "notification-event");
    const number = event.part.find((p: Json) => p.name === "event-number").valueString;
    const claimResponse = bundle.entry[1]?.resource?.entry?.[0]?.resource;
    return {
      eventNumber: Number(number),
      code: claimResponse?.item?.[0]?.adjudication?.[0]?.extension?.find((e: Json) =>
        String(e.url).endsWith("reviewAction"),
      )?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code,
      reference: claimResponse?.preAuthRef,
    };
  });

describe.each(ENGINES)("the subscriptions' outbox on %s", (_engine, open) => {
  const t = testDatabase(open);
  let ehr: TokenHolder;
  let other: TokenHolder;
  const hook = listener();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await hook.start();
    const holders = await registerEhrClients(t.db, ["Memorial EHR", "Other EHR"], {
      scopes: "system/Claim.write system/Subscription.write",
      npis: [SAMPLE_SUBMISSION.npi],
      notifyHosts: ["127.0.0.1"],
    });
    [ehr, other] = holders as [TokenHolder, TokenHolder];
  });
  afterAll(async () => {
    await hook.stop();
  });

  async function submit(holder: TokenHolder, memberId: string) {
    const submission = { ...SAMPLE_SUBMISSION, urgency: "standard" as const, memberId };
    return (await submitSampleOverPas(t.db, holder, submission)).reference;
  }
  /** Approves the request read at `expectedVersion`, as the reviewer unless another is given. */
  const approve = (reference: string, expectedVersion = 1, actor: StepActor = reviewer) =>
    decideRequest(t.db, {
      reference,
      expectedVersion,
      action: "approve",
      rationale: "Meets the policy.",
      actor,
      policy: SAMPLE_POLICY,
    });
  const input = (more: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
    status: "requested",
    orgIdentifier: SAMPLE_SUBMISSION.npi,
    endpoint,
    headers: ["Authorization: Bearer ehr-secret"],
    content: "full-resource",
    reason: null,
    end: null,
    ...more,
  });
  async function subscribe(holder: TokenHolder, more: Partial<SubscriptionInput> = {}) {
    const s = await insertSubscription(t.db, holder, input(more));
    await t.db.kysely
      .updateTable("subscriptions")
      .set({ status: "active" })
      .where("id", "=", s.id)
      .execute();
    return s.id;
  }
  const outbox = (id: string) =>
    t.db.kysely
      .selectFrom("subscription_events")
      .selectAll()
      .where("subscription_id", "=", id)
      .orderBy("event_number")
      .execute();

  it("queues an event per change of the PAS response, in the step's transaction, numbered 1, 2 … without gaps; never for another client's request", async () => {
    const id = await subscribe(ehr);
    const theirs = await submit(other, "SUB-THEIRS");
    const mine = await submit(ehr, "SUB-MINE");
    // Not a change of the response: an extension. A refused (stale) step: nothing either.
    await extendRequest(t.db, {
      reference: mine,
      expectedVersion: 1,
      actor: reviewer,
      days: 3,
      reason: "Waiting for the marrow report.",
    });
    expect(
      await decideRequest(t.db, {
        reference: mine,
        expectedVersion: 1,
        action: "approve",
        rationale: "Stale.",
        actor: reviewer,
        policy: SAMPLE_POLICY,
      }),
    ).toMatchObject({ ok: false, reason: "conflict" });
    await recommendDenial(t.db, {
      reference: mine,
      expectedVersion: 2,
      rationale: "Recommend.",
      actor: reviewer,
      policy: SAMPLE_POLICY,
    });
    await approve(theirs);
    await approve(mine, 3, director);
    const queued = await outbox(id);
    expect(
      queued.map((e) => [Number(e.event_number), e.request_reference, e.review_action_code]),
    ).toEqual([
      [1, mine, "A4"],
      [2, mine, "A1"],
    ]);
    // Each event carries the response as it stood: the first pended by a medical director.
    expect(queued[0]!.response_json).toContain("under review by a medical director");
    await t.db.kysely.deleteFrom("subscription_events").where("subscription_id", "=", id).execute();
    await t.db.kysely.deleteFrom("subscriptions").where("id", "=", id).execute();
  });

  it("tells a subscription nothing when the response is the one it was last told (a CDex part sent with Final false)", async () => {
    const id = await subscribe(ehr);
    const reference = await submit(ehr, "SUB-SAME");
    await approve(reference);
    expect((await outbox(id)).map((e) => e.review_action_code)).toEqual(["A1"]);
    const again = await t.db.kysely
      .transaction()
      .execute((trx) =>
        queueNotifications(t.db, trx, reference, SAMPLE_SUBMISSION.npi, new Date()),
      );
    expect(again).toBe(0);
    expect((await outbox(id)).map((e) => e.review_action_code)).toEqual(["A1"]);
    await t.db.kysely.deleteFrom("subscription_events").where("subscription_id", "=", id).execute();
    await t.db.kysely.deleteFrom("subscriptions").where("id", "=", id).execute();
  });

  it("sends one event at a time per subscription, even from two processes, each exactly once and in order, with the response's A1", async () => {
    const id = await subscribe(ehr);
    const references = [await submit(ehr, "SUB-A"), await submit(ehr, "SUB-B")];
    for (const reference of references) await approve(reference);
    hook.received.length = 0;
    hook.state.delayMs = 150;
    const second: Db = openDatabase(t.url);
    try {
      await Promise.all([
        deliverDue(t.db, id, "process-1", BASE),
        deliverDue(second, id, "process-2", BASE),
        deliverDue(second, id, "process-2", BASE),
      ]);
      // Whoever lost the lease comes back later and finds nothing due.
      await deliverDue(second, id, "process-2", BASE);
    } finally {
      await second.close();
      hook.state.delayMs = 0;
    }
    expect(hook.maxInFlight()).toBe(1);
    expect(events(hook.received)).toEqual([
      { eventNumber: 1, code: "A1", reference: references[0] },
      { eventNumber: 2, code: "A1", reference: references[1] },
    ]);
    const status = hook.received[0]!.entry[0].resource.parameter;
    expect(status).toEqual(
      expect.arrayContaining([
        { name: "type", valueCode: "event-notification" },
        { name: "events-since-subscription-start", valueString: "1" },
      ]),
    );
    expect((await outbox(id)).every((e) => e.delivered_at !== null)).toBe(true);
    const trail = await auditTrail(t.db, references[0]!);
    expect(trail.map((a) => a.action)).toContain("request.notified");
    await deleteSubscription(t.db, ehr, id);
  });

  it("retries a failed delivery after its backoff, with the same event number, and none after it overtakes it", async () => {
    const id = await subscribe(ehr);
    const [a, b] = [await submit(ehr, "SUB-R1"), await submit(ehr, "SUB-R2")];
    for (const reference of [a!, b!]) await approve(reference);
    hook.received.length = 0;
    hook.state.answer = 503;
    const start = new Date();
    expect(await deliverDue(t.db, id, "worker", BASE, () => start)).toBe(0);
    const [failed] = await outbox(id);
    expect(failed).toMatchObject({ attempts: 1, delivered_at: null });
    expect(failed!.last_error).toMatch(/answered 503/);
    expect(Date.parse(failed!.next_attempt_at) - start.getTime()).toBe(backoffMs(1));
    // Before the backoff ran out nothing is sent; event 2 waits behind event 1.
    expect(await deliverDue(t.db, id, "worker", BASE, () => new Date(start.getTime() + 500))).toBe(
      0,
    );
    expect(hook.received).toHaveLength(1);
    hook.state.answer = 200;
    const after = new Date(start.getTime() + backoffMs(1) + 1);
    expect(await deliverDue(t.db, id, "worker", BASE, () => after)).toBe(2);
    expect(events(hook.received).map((e) => e.eventNumber)).toEqual([1, 1, 2]);
    const trail = (await auditTrail(t.db, a!)).map((x) => x.action);
    expect(trail.indexOf("request.notification-failed")).toBeLessThan(
      trail.indexOf("request.notified"),
    );
    await deleteSubscription(t.db, ehr, id);
  });

  it("a lease is one holder's until it runs out: a worker that died mid-delivery is taken over", async () => {
    const id = await subscribe(ehr);
    const now = new Date();
    expect(await claimLease(t.db, id, "died", now)).toBe(true);
    expect(await claimLease(t.db, id, "alive", now)).toBe(false);
    expect(await claimLease(t.db, id, "alive", new Date(now.getTime() + LEASE_MS + 1))).toBe(true);
    await deleteSubscription(t.db, ehr, id);
  });

  it("a deletion, or the client's host no longer registered, stops deliveries", async () => {
    const deleted = await subscribe(ehr);
    const kept = await subscribe(ehr);
    const reference = await submit(ehr, "SUB-STOP");
    await approve(reference);
    expect(await deleteSubscription(t.db, ehr, deleted)).toBe(true);
    expect(await outbox(deleted)).toEqual([]);
    await t.db.kysely
      .deleteFrom("smart_client_notify_hosts")
      .where("client_id", "=", ehr.clientId)
      .execute();
    hook.received.length = 0;
    expect(await deliverDue(t.db, kept, "worker", BASE)).toBe(0);
    expect(hook.received).toEqual([]);
    const row = await t.db.kysely
      .selectFrom("subscriptions")
      .select(["status", "error"])
      .where("id", "=", kept)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("off");
    expect(row.error).toMatch(/no host is registered/);
    await t.db.kysely
      .insertInto("smart_client_notify_hosts")
      .values({ client_id: ehr.clientId, host: "127.0.0.1", created_at: new Date().toISOString() })
      .execute();
    await deleteSubscription(t.db, ehr, kept);
  });

  it("the client's removal stops deliveries: its subscriptions and undelivered events go, it gets no token", async () => {
    const [removed] = (await registerEhrClients(t.db, ["Removed EHR"], {
      scopes: "system/Claim.write system/Subscription.write",
      npis: [SAMPLE_SUBMISSION.npi],
      notifyHosts: ["127.0.0.1"],
    })) as [TokenHolder];
    const id = await subscribe(removed);
    await approve(await submit(removed, "SUB-REMOVED"));
    expect(await outbox(id)).toHaveLength(1);
    expect(await removeClient(t.db, removed.clientId)).toBe(true);
    expect(await outbox(id)).toEqual([]);
    hook.received.length = 0;
    expect(await deliverDue(t.db, id, "worker", BASE)).toBe(0);
    expect(hook.received).toEqual([]);
    expect(await findClient(t.db, removed.clientId)).toBeUndefined();
    expect(await removeClient(t.db, removed.clientId)).toBe(false);
  });

  it("refuses a filter for an NPI not registered to the client, a host not registered, an http endpoint off loopback", async () => {
    expect(await checkSubscription(t.db, ehr.clientId, input())).toEqual({ ok: true });
    expect(
      await checkSubscription(t.db, ehr.clientId, input({ orgIdentifier: OTHER_NPI })),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      await checkSubscription(t.db, ehr.clientId, input({ endpoint: "https://evil.example/x" })),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      await checkSubscription(t.db, ehr.clientId, input({ endpoint: "http://ehr.example/x" })),
    ).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/https/) });
  });
});
