import {
  SqliteAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from "kysely";

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

const id = (db: Kysely<unknown>) => (c: ColumnDefinitionBuilder) =>
  isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();

async function appendOnly(db: Kysely<unknown>, table: string) {
  if (isSqlite(db)) {
    for (const op of ["UPDATE", "DELETE"])
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}

// Versioned migrations, applied in name order. Never edit one that has shipped: add the next.
const MIGRATIONS: Record<string, Migration> = {
  "0001_requests_decisions_audit": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("requests")
        .addColumn("id", "integer", id(db))
        .addColumn("reference", "text", (c) => c.notNull().unique())
        .addColumn("physician_id", "text", (c) => c.notNull())
        .addColumn("patient_name", "text", (c) => c.notNull())
        .addColumn("patient_birth_date", "text", (c) => c.notNull())
        .addColumn("member_id", "text", (c) => c.notNull())
        .addColumn("ordering_physician", "text", (c) => c.notNull())
        .addColumn("npi", "text", (c) => c.notNull())
        .addColumn("service_date", "text", (c) => c.notNull())
        .addColumn("urgency", "text", (c) =>
          c.notNull().check(sql`urgency in ('standard', 'expedited')`),
        )
        .addColumn("clinical_notes", "text", (c) => c.notNull())
        .addColumn("answers_json", "text", (c) => c.notNull())
        .addColumn("determination", "text", (c) => c.notNull())
        .addColumn("evaluation_json", "text", (c) => c.notNull())
        .addColumn("policy_version", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) =>
          c.notNull().check(sql`status in ('pending', 'approved', 'denied', 'more-information')`),
        )
        .addColumn("submitted_at", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createIndex("requests_queue")
        .on("requests")
        .columns(["due_at", "id"])
        .execute();
      await db.schema
        .createIndex("requests_status_queue")
        .on("requests")
        .columns(["status", "due_at", "id"])
        .execute();
      await db.schema.createIndex("requests_member").on("requests").column("member_id").execute();
      await db.schema
        .createIndex("requests_physician")
        .on("requests")
        .columns(["physician_id", "submitted_at"])
        .execute();

      await db.schema
        .createTable("decisions")
        .addColumn("id", "integer", id(db))
        .addColumn("request_id", "integer", (c) => c.notNull().references("requests.id"))
        .addColumn("action", "text", (c) =>
          c.notNull().check(sql`action in ('approve', 'deny', 'request-information')`),
        )
        .addColumn("review_action_code", "text", (c) =>
          c.notNull().check(sql`review_action_code in ('A1', 'A3', 'A4')`),
        )
        .addColumn("rationale", "text", (c) => c.notNull())
        .addColumn("reviewer_id", "text", (c) => c.notNull())
        .addColumn("decided_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("decisions_request")
        .on("decisions")
        .column("request_id")
        .execute();

      await db.schema
        .createTable("audit_events")
        .addColumn("id", "integer", id(db))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("request_reference", "text")
        .addColumn("detail_json", "text", (c) => c.notNull().defaultTo("{}"))
        .execute();
      await appendOnly(db, "audit_events");
      await appendOnly(db, "decisions");
      await db.schema
        .createIndex("audit_events_request")
        .on("audit_events")
        .columns(["request_reference", "id"])
        .execute();

      await db.schema
        .createTable("reference_counters")
        .addColumn("year", "integer", (c) => c.primaryKey())
        .addColumn("last_value", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "0002_audit_subject_and_ip": {
    // Sign-in events name the account tried (a SHA-256 of the email) and the client address,
    // so failures can be counted per account and per address to throttle guessing.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("audit_events").addColumn("subject", "text").execute();
      await db.schema.alterTable("audit_events").addColumn("ip", "text").execute();
      await db.schema
        .createIndex("audit_events_subject")
        .on("audit_events")
        .columns(["action", "subject", "at"])
        .execute();
      await db.schema
        .createIndex("audit_events_ip")
        .on("audit_events")
        .columns(["action", "ip", "at"])
        .execute();
    },
  },
  "0003_sign_in_attempts": {
    // The sign-in throttle's own record: an attempt is written before its password is checked,
    // so concurrent attempts see each other. Kept apart from the audit trail, which is
    // append-only and records every attempt, throttled or not.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sign_in_attempts")
        .addColumn("id", "integer", id(db))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("account_key", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) =>
          c.notNull().check(sql`outcome in ('pending', 'failure', 'success', 'throttled')`),
        )
        .execute();
      await db.schema
        .createIndex("sign_in_attempts_account")
        .on("sign_in_attempts")
        .columns(["account_key", "at"])
        .execute();
      await db.schema
        .createIndex("sign_in_attempts_address")
        .on("sign_in_attempts")
        .columns(["address", "at"])
        .execute();
    },
  },
  "0004_idempotency_keys": {
    // One row per Idempotency-Key (or submission form token) a physician used: the same key with
    // the same body gives back the same request, with another body a 409.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("physician_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("body_sha256", "text", (c) => c.notNull())
        .addColumn("reference", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["physician_id", "key"])
        .execute();
    },
  },
  "0005_requests_policy_id": {
    // Requests name the policy they are judged under (policy_version was already stored). Every
    // request before this migration was made under Coverage Policy 0261, the only one there was.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("requests")
        .addColumn("policy_id", "text", (c) => c.notNull().defaultTo("coverage-policy-0261"))
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
