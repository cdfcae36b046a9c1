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
  "0010_review_loop": {
    // The review loop (issue 12): more states, when a request was decided, extended and appealed,
    // the messages of the loop, and attachments stored in the database (every instance sees
    // them). SQLite cannot change a CHECK constraint in place, so requests is rebuilt there with
    // its rows, ids and indexes as they were; PostgreSQL swaps the constraint.
    async up(db: Kysely<unknown>) {
      const states = REVIEW_LOOP_STATES.map((s) => `'${s}'`).join(", ");
      if (isSqlite(db)) {
        await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
        // Dropping requests orphans its decisions and audit rows for a moment; inserting the same
        // ids into the new requests table (same name, so the references hold) settles them
        // before the commit checks.
        await sql
          .raw(`CREATE TABLE "requests_before_0010" AS SELECT * FROM "requests"`)
          .execute(db);
        await sql.raw(`DROP TABLE "requests"`).execute(db);
        await sql
          .raw(
            `CREATE TABLE "requests" ("id" integer primary key autoincrement, "reference" text not null unique, "physician_id" text not null, "patient_name" text not null, "patient_birth_date" text not null, "member_id" text not null, "ordering_physician" text not null, "npi" text not null, "service_date" text not null, "urgency" text not null check (urgency in ('standard', 'expedited')), "clinical_notes" text not null, "answers_json" text not null, "determination" text not null, "evaluation_json" text not null, "policy_version" text not null, "status" text not null check (status in (${states})), "submitted_at" text not null, "due_at" text not null, "version" integer default 1 not null, "policy_id" text default 'coverage-policy-0261' not null)`,
          )
          .execute(db);
        await sql.raw(`INSERT INTO "requests" SELECT * FROM "requests_before_0010"`).execute(db);
        await sql.raw(`DROP TABLE "requests_before_0010"`).execute(db);
        for (const [name, columns] of [
          ["requests_queue", ["due_at", "id"]],
          ["requests_status_queue", ["status", "due_at", "id"]],
          ["requests_member", ["member_id"]],
          ["requests_physician", ["physician_id", "submitted_at"]],
        ] as const)
          await db.schema
            .createIndex(name)
            .on("requests")
            .columns([...columns])
            .execute();
      } else {
        await sql`ALTER TABLE requests DROP CONSTRAINT requests_status_check`.execute(db);
        await sql
          .raw(
            `ALTER TABLE requests ADD CONSTRAINT requests_status_check CHECK (status in (${states}))`,
          )
          .execute(db);
      }
      for (const column of [
        "decided_at",
        "extended_at",
        "extension_reason",
        "appealed_at",
        "appeal_decided_at",
      ])
        await db.schema.alterTable("requests").addColumn(column, "text").execute();
      // Milliseconds from submission to the first decision: what the metrics' medians sort.
      await db.schema.alterTable("requests").addColumn("decision_ms", "bigint").execute();
      await db.schema
        .createIndex("requests_decided")
        .on("requests")
        .columns(["decided_at", "urgency"])
        .execute();
      await db.schema.alterTable("decisions").addColumn("criteria_json", "text").execute();
      // Requests decided before the loop existed count in the metrics from their first decision.
      const decided = await sql<{ id: number; submitted_at: string; decided_at: string }>`
        SELECT r.id, r.submitted_at, min(d.decided_at) AS decided_at
        FROM requests r JOIN decisions d ON d.request_id = r.id
        WHERE d.action IN ('approve', 'deny')
        GROUP BY r.id, r.submitted_at`.execute(db);
      for (const row of decided.rows)
        await sql`UPDATE requests SET decided_at = ${row.decided_at}, decision_ms = ${
          new Date(row.decided_at).getTime() - new Date(row.submitted_at).getTime()
        } WHERE id = ${row.id}`.execute(db);

      await db.schema
        .createTable("request_events")
        .addColumn("id", "integer", id(db))
        .addColumn("request_id", "integer", (c) => c.notNull().references("requests.id"))
        .addColumn("kind", "text", (c) =>
          c
            .notNull()
            .check(
              sql`kind in ('reply', 'withdrawn', 'extended', 'appealed', 'appeal-upheld', 'appeal-overturned')`,
            ),
        )
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("detail_json", "text", (c) => c.notNull().defaultTo("{}"))
        .execute();
      await appendOnly(db, "request_events");
      await db.schema
        .createIndex("request_events_request")
        .on("request_events")
        .columns(["request_id", "id"])
        .execute();

      await db.schema
        .createTable("attachments")
        .addColumn("id", "integer", id(db))
        .addColumn("request_id", "integer", (c) => c.notNull().references("requests.id"))
        // The message it came with: null for the submission itself.
        .addColumn("event_id", "integer", (c) => c.references("request_events.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("content_type", "text", (c) =>
          c.notNull().check(sql`content_type in ('application/pdf', 'image/png', 'image/jpeg')`),
        )
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("data", isSqlite(db) ? "blob" : "bytea", (c) => c.notNull())
        .addColumn("uploader_id", "text", (c) => c.notNull())
        .addColumn("uploaded_at", "text", (c) => c.notNull())
        .execute();
      await appendOnly(db, "attachments");
      await db.schema
        .createIndex("attachments_request")
        .on("attachments")
        .columns(["request_id", "id"])
        .execute();
    },
  },
  "0011_metrics_summary": {
    // The metrics (issue 12). Two summaries of decided requests, kept by triggers in the same
    // transaction as every write to requests, so /metrics reads a few thousand rows instead of a
    // year of requests and is never stale: the counts and sums per UTC day and urgency, and the
    // number of decision times per whole hour, year and urgency (medians cannot be summed: the
    // hours say where a median lies, and an index in decision-time order reads it from there).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("metrics_daily")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("urgency", "text", (c) => c.notNull())
        .addColumn("decided", "integer", (c) => c.notNull())
        .addColumn("approved", "integer", (c) => c.notNull())
        .addColumn("denied", "integer", (c) => c.notNull())
        .addColumn("approved_on_appeal", "integer", (c) => c.notNull())
        .addColumn("extended", "integer", (c) => c.notNull())
        .addColumn("within_clock", "integer", (c) => c.notNull())
        .addColumn("decision_ms_total", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("metrics_daily_pk", ["day", "urgency"])
        .execute();
      await db.schema
        .createTable("metrics_decision_hours")
        .addColumn("year", "text", (c) => c.notNull())
        .addColumn("urgency", "text", (c) => c.notNull())
        .addColumn("hour", "integer", (c) => c.notNull())
        .addColumn("decided", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("metrics_decision_hours_pk", ["year", "urgency", "hour"])
        .execute();
      for (const summary of [DAILY, DECISION_HOURS]) await keepSummary(db, summary);
      // The medians: decision times in order within one urgency and year of first decision.
      // decided_at itself ends the key so the index covers the query (PostgreSQL takes an
      // index-only scan on an expression only when its column is in the index too).
      await sql
        .raw(
          `CREATE INDEX requests_decision_time ON requests ` +
            `(urgency, substr(decided_at, 1, 4), decision_ms, decided_at) ` +
            `WHERE decided_at IS NOT NULL`,
        )
        .execute(db);
      // The reviewer dashboard's "decisions this week": decisions and appeal decisions by time.
      await db.schema
        .createIndex("decisions_decided")
        .on("decisions")
        .columns(["decided_at"])
        .execute();
      await db.schema
        .createIndex("request_events_kind_at")
        .on("request_events")
        .columns(["kind", "at"])
        .execute();
    },
  },
  "0030_decision_process": {
    // The decision process (issue 19): a reviewer's recommended denial waits for a medical
    // director (a new state and a new kind of message), an approval records what it authorizes,
    // requests say whether their date was already past, who the case is assigned to and whether a
    // rule approved it, rule approvals drawn for audit, and the metrics count CMS's "extended and
    // approved" and the share approved by rule. SQLite cannot change a CHECK constraint in place:
    // its tables are rebuilt from their own stored definitions, with their rows, ids, indexes and
    // triggers; PostgreSQL swaps the constraints.
    async up(db: Kysely<unknown>) {
      for (const [column, type] of [
        ["retrospective", "integer"],
        ["approved_by_rule", "integer"],
      ] as const)
        await db.schema
          .alterTable("requests")
          .addColumn(column, type, (c) => c.notNull().defaultTo(0))
          .execute();
      await db.schema.alterTable("requests").addColumn("assigned_to", "text").execute();
      await widenCheck(db, "requests", "status", [
        ...REVIEW_LOOP_STATES,
        "awaiting-medical-director",
      ]);
      await widenCheck(db, "request_events", "kind", [...EVENT_KINDS_0010, "denial-recommended"]);

      await db.schema
        .createTable("authorizations")
        .addColumn("id", "integer", id(db))
        .addColumn("request_id", "integer", (c) => c.notNull().unique().references("requests.id"))
        .addColumn("number", "text", (c) => c.notNull().unique())
        .addColumn("service", "text", (c) => c.notNull())
        .addColumn("cpt", "text", (c) => c.notNull())
        .addColumn("units", "integer", (c) => c.notNull().check(sql`units >= 1`))
        .addColumn("valid_from", "text", (c) => c.notNull())
        .addColumn("valid_to", "text", (c) => c.notNull().check(sql`valid_to >= valid_from`))
        .addColumn("issued_at", "text", (c) => c.notNull())
        .addColumn("issued_by", "text", (c) => c.notNull())
        .addColumn("by_rule", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await appendOnly(db, "authorizations");

      await db.schema
        .createTable("rule_audits")
        .addColumn("request_id", "integer", (c) => c.primaryKey().references("requests.id"))
        .addColumn("sampled_at", "text", (c) => c.notNull())
        .addColumn("audited_at", "text")
        .addColumn("auditor_id", "text")
        .addColumn("agrees", "integer")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createIndex("rule_audits_open")
        .on("rule_audits")
        .columns(["audited_at", "sampled_at"])
        .execute();

      // The daily summary gains two figures: its triggers are replaced and it is filled again
      // from the requests, so a database with decided requests counts them at once.
      if (isSqlite(db))
        for (const op of ["insert", "update", "delete"])
          await sql.raw(`DROP TRIGGER metrics_daily_${op}`).execute(db);
      else {
        await sql`DROP TRIGGER metrics_daily_keep ON requests`.execute(db);
        await sql`DROP FUNCTION metrics_daily_keep()`.execute(db);
      }
      for (const column of ["extended_approved", "approved_by_rule"])
        await db.schema
          .alterTable("metrics_daily")
          .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
          .execute();
      await sql`DELETE FROM metrics_daily`.execute(db);
      await keepSummary(db, DAILY_0030);
    },
  },
};

/**
 * Lets `column` take `values` (its CHECK constraint widened), keeping every row. SQLite: the
 * table is rebuilt from its own stored definition with only that constraint changed, then its
 * indexes and triggers are made again (after the rows, so no trigger counts them twice); foreign
 * keys that point at it are checked at commit, when the same ids are back.
 */
async function widenCheck(
  db: Kysely<unknown>,
  table: string,
  column: string,
  values: readonly string[],
) {
  const list = values.map((v) => `'${v}'`).join(", ");
  if (!isSqlite(db)) {
    await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check`).execute(db);
    await sql
      .raw(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} in (${list}))`,
      )
      .execute(db);
    return;
  }
  const { rows } = await sql<{ type: string; sql: string }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL
    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END`.execute(db);
  const [definition, ...others] = rows;
  const check = new RegExp(`check \\(${column} in \\([^)]*\\)\\)`, "i");
  if (definition?.type !== "table" || !check.test(definition.sql))
    throw new Error(`${table} has no CHECK on ${column} to widen`);
  const copy = `${table}_before_0030`;
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql.raw(`CREATE TABLE "${copy}" AS SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(definition.sql.replace(check, `check (${column} in (${list}))`)).execute(db);
  await sql.raw(`INSERT INTO "${table}" SELECT * FROM "${copy}"`).execute(db);
  await sql.raw(`DROP TABLE "${copy}"`).execute(db);
  for (const other of others) await sql.raw(other.sql).execute(db);
}

/**
 * A table of sums over requests, by key, as 0011 wrote it: what one request adds (`figures`,
 * `when` it counts), and the columns whose change can move it from one row or figure to another.
 */
interface Summary {
  table: string;
  keys: [column: string, expression: (row: string) => string][];
  figures: [column: string, expression: (row: string) => string][];
  when: (row: string) => string;
  watched: string;
}

// The first decision read from the state (approved: an approval; denied and every state an
// appeal leads to: a denial); the clock 72 hours expedited and 7 days standard (lib/request-model/due.ts).
const DAILY: Summary = {
  table: "metrics_daily",
  keys: [
    ["day", (r) => `substr(${r}.decided_at, 1, 10)`],
    ["urgency", (r) => `${r}.urgency`],
  ],
  figures: [
    ["decided", () => "1"],
    ["approved", (r) => `CASE WHEN ${r}.status = 'approved' THEN 1 ELSE 0 END`],
    [
      "denied",
      (r) =>
        `CASE WHEN ${r}.status IN ('denied', 'appealed', 'appeal-upheld', 'appeal-overturned') THEN 1 ELSE 0 END`,
    ],
    ["approved_on_appeal", (r) => `CASE WHEN ${r}.status = 'appeal-overturned' THEN 1 ELSE 0 END`],
    ["extended", (r) => `CASE WHEN ${r}.extended_at IS NOT NULL THEN 1 ELSE 0 END`],
    [
      "within_clock",
      (r) =>
        `CASE WHEN ${r}.decision_ms <= CASE WHEN ${r}.urgency = 'expedited' THEN 259200000 ELSE 604800000 END THEN 1 ELSE 0 END`,
    ],
    ["decision_ms_total", (r) => `coalesce(${r}.decision_ms, 0)`],
  ],
  when: (r) => `${r}.decided_at IS NOT NULL`,
  watched: "decided_at, urgency, status, extended_at, decision_ms",
};

/** Decision times by whole hours (a negative one, which a clock could give, as hour −1). */
const DECISION_HOURS: Summary = {
  table: "metrics_decision_hours",
  keys: [
    ["year", (r) => `substr(${r}.decided_at, 1, 4)`],
    ["urgency", (r) => `${r}.urgency`],
    ["hour", (r) => `CASE WHEN ${r}.decision_ms < 0 THEN -1 ELSE ${r}.decision_ms / 3600000 END`],
  ],
  figures: [["decided", () => "1"]],
  when: (r) => `${r}.decided_at IS NOT NULL AND ${r}.decision_ms IS NOT NULL`,
  watched: "decided_at, urgency, decision_ms",
};

/** Fills a summary from the requests already there, and installs the triggers that keep it. */
async function keepSummary(db: Kysely<unknown>, s: Summary) {
  const columns = [...s.keys, ...s.figures].map(([c]) => c).join(", ");
  const keys = s.keys.map(([c]) => c).join(", ");
  const accumulate =
    `ON CONFLICT (${keys}) DO UPDATE SET ` +
    s.figures.map(([c]) => `${c} = ${s.table}.${c} + excluded.${c}`).join(", ");
  // What a row adds (sign 1) or takes away (sign -1).
  const values = (row: string, sign: 1 | -1) =>
    [
      ...s.keys.map(([, e]) => e(row)),
      ...s.figures.map(([, e]) => (sign === 1 ? e(row) : `-(${e(row)})`)),
    ].join(", ");
  await sql
    .raw(
      `INSERT INTO ${s.table} (${columns}) SELECT ${[
        ...s.keys.map(([, e]) => e("requests")),
        ...s.figures.map(([, e]) => `sum(${e("requests")})`),
      ].join(", ")} FROM requests WHERE ${s.when("requests")} ` +
        `GROUP BY ${s.keys.map((_, i) => i + 1).join(", ")}`,
    )
    .execute(db);
  if (isSqlite(db)) {
    const add = (row: "NEW" | "OLD", sign: 1 | -1) =>
      `INSERT INTO ${s.table} (${columns}) SELECT ${values(row, sign)} ` +
      `WHERE ${s.when(row)} ${accumulate};`;
    for (const trigger of [
      `${s.table}_insert AFTER INSERT ON requests BEGIN ${add("NEW", 1)} END`,
      `${s.table}_update AFTER UPDATE OF ${s.watched} ON requests ` +
        `BEGIN ${add("OLD", -1)} ${add("NEW", 1)} END`,
      `${s.table}_delete AFTER DELETE ON requests BEGIN ${add("OLD", -1)} END`,
    ])
      await sql.raw(`CREATE TRIGGER ${trigger}`).execute(db);
    return;
  }
  const add = (row: "NEW" | "OLD", sign: 1 | -1) =>
    `IF ${s.when(row)} THEN INSERT INTO ${s.table} (${columns}) VALUES (${values(row, sign)}) ` +
    `${accumulate}; END IF;`;
  await sql
    .raw(
      `CREATE FUNCTION ${s.table}_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF TG_OP IN ('UPDATE', 'DELETE') THEN ${add("OLD", -1)} END IF; ` +
        `IF TG_OP IN ('INSERT', 'UPDATE') THEN ${add("NEW", 1)} END IF; ` +
        `RETURN NULL; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${s.table}_keep AFTER INSERT OR DELETE OR UPDATE OF ${s.watched} ` +
        `ON requests FOR EACH ROW EXECUTE FUNCTION ${s.table}_keep()`,
    )
    .execute(db);
}

/**
 * The daily summary from 0030 on: 0011's figures, and the requests extended then approved at
 * their first decision (CMS-0057-F counts "approved after a timeframe for review was extended")
 * and those approved by rule.
 */
const DAILY_0030: Summary = {
  ...DAILY,
  figures: [
    ...DAILY.figures,
    [
      "extended_approved",
      (r) =>
        `CASE WHEN ${r}.extended_at IS NOT NULL AND ${r}.status = 'approved' THEN 1 ELSE 0 END`,
    ],
    ["approved_by_rule", (r) => `CASE WHEN ${r}.approved_by_rule = 1 THEN 1 ELSE 0 END`],
  ],
  watched: `${DAILY.watched}, approved_by_rule`,
};

/** The kinds of a request's messages as 0010 allowed them. */
const EVENT_KINDS_0010 = [
  "reply",
  "withdrawn",
  "extended",
  "appealed",
  "appeal-upheld",
  "appeal-overturned",
];

/** Every state a request can be in since the review loop (lib/request-model/state-machine.ts). */
const REVIEW_LOOP_STATES = [
  "pending",
  "more-information",
  "information-received",
  "approved",
  "denied",
  "withdrawn",
  "appealed",
  "appeal-upheld",
  "appeal-overturned",
];

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
