import { Migrator, sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { allMigrations, migrate } from "@/lib/db/database";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { migrationProvider } from "./migrations";

// A deployment that ran before the review loop keeps its requests, decisions and audit rows
// when it upgrades, and its decided requests count in the metrics from their first decision.
describe.each(ENGINES)("upgrading a %s database with requests in it", (_name, open) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it("keeps every row and backfills when each request was first decided", async () => {
    test = await open({ migrated: false });
    const db = test.db.kysely as unknown as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: migrationProvider });
    const before = await migrator.migrateTo("0005_requests_policy_id");
    expect(before.error).toBeUndefined();

    const columns = `reference, physician_id, patient_name, patient_birth_date, member_id,
      ordering_physician, npi, service_date, urgency, clinical_notes, answers_json, determination,
      evaluation_json, policy_version, status, submitted_at, due_at`;
    for (const [reference, status] of [
      ["100001", "denied"],
      ["100002", "pending"],
      ["100003", "more-information"],
    ])
      await sql
        .raw(
          `INSERT INTO requests (${columns}) VALUES ('${reference}', 'physician', 'Ada Lovelace',
          '1960-01-01', 'M1', 'Dr A', '1234567893', '2026-01-10', 'standard', '', '{}',
          'medically-necessary', '{}', '2025-01-15', '${status}', '2026-01-01T00:00:00.000Z',
          '2026-01-15T00:00:00.000Z')`,
        )
        .execute(db);
    for (const [action, at] of [
      ["request-information", "2026-01-01T06:00:00.000Z"],
      ["deny", "2026-01-02T00:00:00.000Z"],
    ])
      await sql
        .raw(
          `INSERT INTO decisions (request_id, action, review_action_code, rationale, reviewer_id,
          decided_at) VALUES ((SELECT id FROM requests WHERE reference = '100001'), '${action}',
          '${action === "deny" ? "A3" : "A4"}', 'why', 'reviewer', '${at}')`,
        )
        .execute(db);

    await migrate(test.db);

    const rows = await test.db.kysely
      .selectFrom("requests")
      .select(["id", "reference", "status", "decided_at", "decision_ms", "version"])
      .orderBy("reference")
      .execute();
    expect(
      rows.map((r) => [r.reference, r.status, r.decided_at, Number(r.decision_ms ?? NaN)]),
    ).toEqual([
      ["100001", "denied", "2026-01-02T00:00:00.000Z", 86_400_000],
      ["100002", "pending", null, NaN],
      ["100003", "more-information", null, NaN],
    ]);
    const decisions = await test.db.kysely.selectFrom("decisions").select("request_id").execute();
    expect(decisions.map((d) => d.request_id)).toEqual([rows[0]!.id, rows[0]!.id]);
    // The widened states are accepted now, and the foreign keys still point at requests.
    await test.db.kysely
      .updateTable("requests")
      .set({ status: "appealed" })
      .where("reference", "=", "100001")
      .execute();
    await expect(
      test.db.kysely
        .insertInto("request_events")
        .values({
          request_id: 999_999,
          kind: "reply",
          actor_id: "x",
          at: "",
          body: "",
          detail_json: "{}",
        })
        .execute(),
    ).rejects.toThrow();
  });
});

// A deployment with requests in every state the review loop knew upgrades to the decision
// process: rows, ids, indexes and triggers survive the rebuild, the new state and message kind
// are accepted, and the metrics summary is filled again with its new figures.
describe.each(ENGINES)("upgrading a %s database to the decision process", (_name, open) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it("keeps every row, re-counts the summary, and accepts what the decision process writes", async () => {
    test = await open({ migrated: false });
    const db = test.db.kysely as unknown as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: allMigrations });
    expect((await migrator.migrateTo("0022_crd_launches")).error).toBeUndefined();

    const columns = `reference, physician_id, patient_name, patient_birth_date, member_id,
      ordering_physician, npi, service_date, urgency, clinical_notes, answers_json, determination,
      evaluation_json, policy_version, status, submitted_at, due_at, decided_at, decision_ms,
      extended_at`;
    for (const [reference, status, decidedAt, extendedAt] of [
      ["R-2026-100001", "approved", "2026-01-02T00:00:00.000Z", "2026-01-01T12:00:00.000Z"],
      ["R-2026-100002", "denied", "2026-01-02T00:00:00.000Z", null],
      ["R-2026-100003", "more-information", null, null],
      ["R-2026-100004", "appealed", "2026-01-03T00:00:00.000Z", "2026-01-01T12:00:00.000Z"],
    ] as const)
      await sql
        .raw(
          `INSERT INTO requests (${columns}) VALUES ('${reference}', 'physician', 'Ada Lovelace',
          '1960-01-01', 'M1', 'Dr A', '1234567893', '2026-01-10', 'standard', '', '{}',
          'medically-necessary', '{}', '2021-07-15', '${status}', '2026-01-01T00:00:00.000Z',
          '2026-01-08T00:00:00.000Z', ${decidedAt ? `'${decidedAt}'` : "NULL"},
          ${decidedAt ? Date.parse(decidedAt) - Date.parse("2026-01-01T00:00:00.000Z") : "NULL"},
          ${extendedAt ? `'${extendedAt}'` : "NULL"})`,
        )
        .execute(db);
    const idOf = (reference: string) =>
      sql<{ id: number }>`SELECT id FROM requests WHERE reference = ${reference}`
        .execute(db)
        .then((r) => Number(r.rows[0]!.id));
    const appealed = await idOf("R-2026-100004");
    await sql`INSERT INTO request_events (request_id, kind, actor_id, at, body, detail_json)
      VALUES (${appealed}, 'appealed', 'physician', '2026-01-04T00:00:00.000Z', 'why', '{}')`.execute(
      db,
    );
    await sql`INSERT INTO attachments (request_id, event_id, name, content_type, size, data,
      uploader_id, uploaded_at) VALUES (${appealed}, (SELECT max(id) FROM request_events),
      'a.pdf', 'application/pdf', 1, ${Buffer.from("%")}, 'physician', '2026-01-04T00:00:00.000Z')`.execute(
      db,
    );
    const before = await sql<{ id: number; reference: string }>`
      SELECT id, reference FROM requests ORDER BY id`.execute(db);

    await migrate(test.db);

    const k = test.db.kysely;
    const after = await k
      .selectFrom("requests")
      .select(["id", "reference"])
      .orderBy("id")
      .execute();
    expect(after.map((r) => [Number(r.id), r.reference])).toEqual(
      before.rows.map((r) => [Number(r.id), r.reference]),
    );
    expect(
      await k
        .selectFrom("requests")
        .select(["retrospective", "approved_by_rule", "assigned_to"])
        .where("reference", "=", "R-2026-100001")
        .executeTakeFirstOrThrow(),
    ).toEqual({ retrospective: 0, approved_by_rule: 0, assigned_to: null });
    // The summary, counted again: two decided on Jan 2, one on Jan 3; of them one extended and
    // approved (the appealed one was extended too, but its first decision was a denial).
    const daily = await k
      .selectFrom("metrics_daily")
      .select(["day", "decided", "approved", "denied", "extended", "extended_approved"])
      .orderBy("day")
      .execute();
    expect(
      daily.map((d) => Object.values(d).map((v) => (typeof v === "string" ? v : Number(v)))),
    ).toEqual([
      ["2026-01-02", 2, 1, 1, 1, 1],
      ["2026-01-03", 1, 0, 1, 1, 0],
    ]);
    // The new state and message kind are accepted; the old checks and keys still hold.
    await k
      .updateTable("requests")
      .set({ status: "awaiting-medical-director" })
      .where("reference", "=", "R-2026-100003")
      .execute();
    await expect(
      k
        .updateTable("requests")
        .set({ status: "nonsense" as never })
        .where("id", "=", appealed)
        .execute(),
    ).rejects.toThrow();
    await k
      .insertInto("request_events")
      .values({
        request_id: appealed,
        kind: "denial-recommended",
        actor_id: "reviewer",
        at: "2026-01-05T00:00:00.000Z",
        body: "Recommend a denial.",
        detail_json: "{}",
      })
      .execute();
    await expect(k.deleteFrom("request_events").execute()).rejects.toThrow(/append-only/);
    await expect(
      k
        .insertInto("request_events")
        .values({
          request_id: 999_999,
          kind: "reply",
          actor_id: "x",
          at: "",
          body: "",
          detail_json: "{}",
        })
        .execute(),
    ).rejects.toThrow();
    const file = await k
      .selectFrom("attachments")
      .select(["request_id", "event_id"])
      .executeTakeFirstOrThrow();
    expect(Number(file.request_id)).toBe(appealed);
    // The summary's triggers are back: a decision now is counted at once.
    await k
      .updateTable("requests")
      .set({ status: "approved", decided_at: "2026-01-03T00:00:00.000Z", decision_ms: 1 })
      .where("reference", "=", "R-2026-100003")
      .execute();
    const jan3 = await k
      .selectFrom("metrics_daily")
      .select(["decided", "approved"])
      .where("day", "=", "2026-01-03")
      .executeTakeFirstOrThrow();
    expect([Number(jan3.decided), Number(jan3.approved)]).toEqual([2, 1]);
  });
});

// The PAS loop's migrations (0050 on) on a database that already holds PAS requests: each keeps
// its row with no diagnosis flags, and no client has an NPI registered until an administrator
// registers one.
describe.each(ENGINES)("upgrading a %s database to the PAS loop", (_name, open) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  it("keeps every PAS submission, with no flags, and registers no NPI", async () => {
    test = await open({ migrated: false });
    const db = test.db.kysely as unknown as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: allMigrations });
    expect((await migrator.migrateTo("0041_sign_in_devices_and_unlocks")).error).toBeUndefined();
    await sql`INSERT INTO smart_clients (client_id, name, jwks_json, scopes, created_at)
      VALUES ('c1', 'Memorial EHR', '{"keys":[]}', 'system/Claim.write', '2026-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await sql`INSERT INTO requests (reference, physician_id, patient_name, patient_birth_date,
      member_id, ordering_physician, npi, service_date, urgency, clinical_notes, answers_json,
      determination, evaluation_json, policy_version, status, submitted_at, due_at)
      VALUES ('R-2026-200001', 'smart-client:c1', 'Ada Lovelace', '1960-01-01', 'M1', 'Dr A',
      '1234567893', '2026-01-10', 'standard', '', '{}', 'medically-necessary', '{}',
      '2021-07-15', 'pending', '2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z')`.execute(db);
    await sql`INSERT INTO pas_submissions (reference, client_id, bundle_identifier,
      claim_identifier, claim_full_url, patient_full_url, provider_full_url, insurer_full_url,
      created_at) VALUES ('R-2026-200001', 'c1', 'b|1', 'c|1', 'urn:uuid:1', 'urn:uuid:2',
      'urn:uuid:3', 'urn:uuid:4', '2026-01-01T00:00:00.000Z')`.execute(db);

    await migrate(test.db);
    const rows = await test.db.kysely
      .selectFrom("pas_submissions")
      .select(["reference", "diagnosis_flags_json"])
      .execute();
    expect(rows).toEqual([{ reference: "R-2026-200001", diagnosis_flags_json: "[]" }]);
    expect(await test.db.kysely.selectFrom("smart_client_npis").selectAll().execute()).toEqual([]);
    // One NPI once per client: the primary key refuses it twice.
    const add = () =>
      test!.db.kysely
        .insertInto("smart_client_npis")
        .values({ client_id: "c1", npi: "1234567893", created_at: "2026-01-02T00:00:00.000Z" })
        .execute();
    await add();
    await expect(add()).rejects.toThrow();
  });
});
