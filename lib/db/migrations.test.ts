import { Migrator, sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/database";
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
