import type { Kysely, Migration } from "kysely";

// Security and reliability, round three (issue 21), numbered from 0040 so they never collide with
// the workspace's (0001–0019) or the EHR integration's (0020–0039); database.ts applies every set
// in name order. Never edit one that has shipped: add the next.

export const HARDENING_MIGRATIONS: Record<string, Migration> = {
  "0040_launch_spent_at": {
    // A spent launch is kept, without its answers, until the pruning job removes it a day later,
    // so the page can say it was opened already rather than that it never existed.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("crd_launches").addColumn("spent_at", "text").execute();
    },
  },
  "0041_sign_in_devices_and_unlocks": {
    // The device a sign-in came from (the signed cookie a success sets), so the browser a user
    // signed in with is not held up by a storm of failures on their account; and the one-time
    // unlock links an administrator issues for a user on a new device.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("sign_in_attempts").addColumn("device", "text").execute();
      await db.schema
        .createIndex("sign_in_attempts_device")
        .on("sign_in_attempts")
        .columns(["account_key", "device", "at"])
        .execute();
      await db.schema
        .createTable("sign_in_unlocks")
        .addColumn("token_sha256", "text", (c) => c.primaryKey())
        .addColumn("account_key", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("used_at", "text")
        .execute();
      await db.schema
        .createIndex("sign_in_unlocks_expiry")
        .on("sign_in_unlocks")
        .column("expires_at")
        .execute();
      // The pruning job reads the oldest rows of each table first.
      await db.schema
        .createIndex("sign_in_attempts_at")
        .on("sign_in_attempts")
        .column("at")
        .execute();
      await db.schema
        .createIndex("idempotency_keys_created")
        .on("idempotency_keys")
        .column("created_at")
        .execute();
    },
  },
};
