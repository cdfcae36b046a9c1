import type { Kysely, Migration } from "kysely";

// PAS Subscriptions (issue 20, item 3), numbered from 0060 so they never collide with the other
// sets (0001–0059); database.ts applies every set in name order. Never edit one that has shipped:
// add the next.

export const SUBSCRIPTION_MIGRATIONS: Record<string, Migration> = {
  "0060_smart_client_notify_hosts": {
    // The hosts an administrator registered for a client's rest-hook endpoints
    // (npm run smart:client:add -- --notify-host …): a notification goes to no other host.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("smart_client_notify_hosts")
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("host", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("smart_client_notify_hosts_pk", ["client_id", "host"])
        .execute();
    },
  },
  "0061_subscriptions": {
    // A client's Subscription to the PAS topic (R4 Subscriptions Backport): its filter (an NPI
    // registered to it), its rest-hook endpoint and headers, the content of its notifications,
    // the count of events queued for it (gapless: each event takes the next number in the
    // transaction that queues it) and the delivery lease (one delivery in flight at a time,
    // across processes: lease_until is when another worker may take it over).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("org_identifier", "text", (c) => c.notNull())
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("headers_json", "text", (c) => c.notNull())
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("end_at", "text")
        .addColumn("error", "text")
        .addColumn("events_since_start", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("subscriptions_by_client_org")
        .on("subscriptions")
        .columns(["client_id", "org_identifier"])
        .execute();
    },
  },
  "0062_subscription_events": {
    // The outbox: one row per event per subscription, written in the transaction that changed the
    // request's PAS response, with the response as it stood then. Delivered at least once, in
    // event_number order; attempts and the next try for the backoff.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("subscription_events")
        .addColumn("subscription_id", "text", (c) =>
          c.notNull().references("subscriptions.id").onDelete("cascade"),
        )
        .addColumn("event_number", "integer", (c) => c.notNull())
        .addColumn("request_reference", "text", (c) => c.notNull())
        .addColumn("review_action_code", "text", (c) => c.notNull())
        .addColumn("response_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .addColumn("last_error", "text")
        .addPrimaryKeyConstraint("subscription_events_pk", ["subscription_id", "event_number"])
        .execute();
      await db.schema
        .createIndex("subscription_events_due")
        .on("subscription_events")
        .columns(["delivered_at", "next_attempt_at"])
        .execute();
    },
  },
  "0063_smart_clients_removed_at": {
    // A client an administrator removed (npm run smart:client:remove): it gets no token and is sent
    // nothing more; its row stays, so the requests it sent keep its name.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("smart_clients").addColumn("removed_at", "text").execute();
    },
  },
};
