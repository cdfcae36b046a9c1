import { Migrator, sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/database";
import { migrationProvider } from "@/lib/db/migrations";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { median } from "@/test/metrics-expected";
import { yearPeriod } from "./period";
import { periodFigures } from "./period-figures";

// Migration 0011's daily summary: filled from the requests already decided when it runs, then
// kept by triggers through every insert, update and delete, whoever writes.
describe.each(ENGINES)("the metrics summary on %s", (_name, open) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.drop();
    test = undefined;
  });

  const insert = (
    db: Kysely<unknown>,
    reference: string,
    values: Record<string, string | null>,
  ) => {
    const row = {
      reference,
      physician_id: "physician",
      patient_name: "Ada Lovelace",
      patient_birth_date: "1960-01-01",
      member_id: "M1",
      ordering_physician: "Dr A",
      npi: "1234567893",
      service_date: "2026-01-10",
      urgency: "standard",
      clinical_notes: "",
      answers_json: "{}",
      determination: "medically-necessary",
      evaluation_json: "{}",
      policy_version: "2021-07-15",
      status: "pending",
      submitted_at: "2025-03-01T00:00:00.000Z",
      due_at: "2025-03-08T00:00:00.000Z",
      ...values,
    };
    return sql`INSERT INTO requests (${sql.join(Object.keys(row).map((k) => sql.ref(k)))})
      VALUES (${sql.join(Object.values(row))})`.execute(db);
  };

  const summary = async (t: TestDatabase) =>
    (
      await t.db.kysely
        .selectFrom("metrics_daily")
        .selectAll()
        .where("decided", "<>", 0)
        .orderBy("day")
        .orderBy("urgency")
        .execute()
    ).map((r) => ({
      day: r.day,
      urgency: r.urgency,
      decided: Number(r.decided),
      approved: Number(r.approved),
      denied: Number(r.denied),
      onAppeal: Number(r.approved_on_appeal),
      extended: Number(r.extended),
      withinClock: Number(r.within_clock),
      totalMs: Number(r.decision_ms_total),
    }));

  it("backfills the requests decided before it, then follows every write", async () => {
    test = await open({ migrated: false });
    const db = test.db.kysely as unknown as Kysely<unknown>;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo("0010_review_loop")).error).toBeUndefined();
    const decided = (day: string, hours: number) => ({
      decided_at: new Date(Date.parse(`${day}T06:00:00.000Z`)).toISOString(),
      decision_ms: String(hours * 3_600_000),
    });
    await insert(db, "A", { status: "approved", ...decided("2025-03-02", 30) });
    await insert(db, "B", {
      status: "appeal-overturned",
      extended_at: "2025-03-02T00:00:00.000Z",
      ...decided("2025-03-02", 200),
    });
    await insert(db, "C", { status: "pending" });
    await insert(db, "D", { status: "denied", urgency: "expedited", ...decided("2025-03-02", 70) });

    await migrate(test.db);
    const day = { day: "2025-03-02", onAppeal: 0, extended: 0 };
    expect(await summary(test)).toEqual([
      {
        ...day,
        urgency: "expedited",
        decided: 1,
        approved: 0,
        denied: 1,
        withinClock: 1,
        totalMs: 70 * 3_600_000,
      },
      {
        ...day,
        urgency: "standard",
        decided: 2,
        approved: 1,
        denied: 1,
        onAppeal: 1,
        extended: 1,
        withinClock: 1,
        totalMs: 230 * 3_600_000,
      },
    ]);

    // A first decision, an appeal and a deletion, written straight to the table.
    await test.db.kysely
      .updateTable("requests")
      .set({ status: "approved", ...decided("2025-03-03", 1), decision_ms: 3_600_000 })
      .where("reference", "=", "C")
      .execute();
    await test.db.kysely
      .updateTable("requests")
      .set({ status: "appealed" })
      .where("reference", "=", "D")
      .execute();
    await test.db.kysely.deleteFrom("requests").where("reference", "=", "A").execute();
    expect(await summary(test)).toEqual([
      {
        ...day,
        urgency: "expedited",
        decided: 1,
        approved: 0,
        denied: 1,
        withinClock: 1,
        totalMs: 70 * 3_600_000,
      },
      {
        ...day,
        urgency: "standard",
        decided: 1,
        approved: 0,
        denied: 1,
        onAppeal: 1,
        extended: 1,
        withinClock: 0,
        totalMs: 200 * 3_600_000,
      },
      {
        day: "2025-03-03",
        urgency: "standard",
        decided: 1,
        approved: 1,
        denied: 0,
        onAppeal: 0,
        extended: 0,
        withinClock: 1,
        totalMs: 3_600_000,
      },
    ]);
    const hours = await test.db.kysely
      .selectFrom("metrics_decision_hours")
      .select(["year", "urgency", "hour", "decided"])
      .where("decided", "<>", 0)
      .orderBy("urgency")
      .orderBy("hour")
      .execute();
    expect(hours.map((h) => [h.year, h.urgency, Number(h.hour), Number(h.decided)])).toEqual([
      ["2025", "expedited", 70, 1],
      ["2025", "standard", 1, 1],
      ["2025", "standard", 200, 1],
    ]);
  });

  // 491 inserts, each through the summary's triggers: seconds on a busy machine.
  it(
    "finds every median exactly, wherever the middle falls among the hours",
    { timeout: 60_000 },
    async () => {
      test = await open();
      const db = test.db.kysely as unknown as Kysely<unknown>;
      // Decision times from 2 hours before submission (a wrong clock) to 300 hours, many on the
      // same millisecond and on hour boundaries; one year for each number of requests.
      let seed = 261;
      const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const sizes = [1, 2, 3, 4, 11, 12, 57, 200, 201];
      const times: number[][] = [];
      for (const [i, size] of sizes.entries()) {
        const year = 2001 + i;
        times.push([]);
        for (let j = 0; j < size; j++) {
          const r = random();
          const ms =
            r < 0.2
              ? Math.floor(random() * 10) * 3_600_000
              : Math.round((random() * 302 - 2) * 3_600_000);
          times[i]!.push(ms);
          await insert(db, `Y${year}-${j}`, {
            status: "approved",
            submitted_at: `${year}-06-01T00:00:00.000Z`,
            decided_at: `${year}-06-15T00:00:00.000Z`,
            decision_ms: String(ms),
          });
        }
      }
      for (const [i, size] of sizes.entries()) {
        const { medianMs } = await periodFigures(test.db, yearPeriod(2001 + i));
        expect(medianMs.standard, `${size} requests`).toBe(median(times[i]!));
        expect(medianMs.expedited).toBeNull();
      }
    },
  );
});
