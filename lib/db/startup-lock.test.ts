import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateAuth } from "@/lib/auth/auth";
import { ENGINES } from "@/test/databases";
import { migrate, openDatabase } from "./database";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

describe.each(ENGINES)("instances starting at once on %s", (_engine, open) => {
  it("both migrate an empty database and create better-auth's tables without a race", async () => {
    // Several rounds: without the lock, one instance's "create table" met the other's table
    // in about one start in three.
    for (let round = 0; round < 4; round++) {
      const t = await open({ migrated: false });
      const instances = [t.db, openDatabase(t.url), openDatabase(t.url)];
      try {
        const started = await Promise.allSettled(
          instances.map(async (db) => {
            await migrate(db);
            await migrateAuth(db);
          }),
        );
        expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "ok"))).toEqual([
          "ok",
          "ok",
          "ok",
        ]);
        const migrations = await t.db.kysely
          .selectFrom("kysely_migration" as never)
          .select(sql<number>`count(*)`.as("n"))
          .executeTakeFirstOrThrow();
        expect(Number((migrations as { n: number }).n)).toBeGreaterThan(0);
        // Each instance reads and writes afterwards.
        for (const db of instances)
          await db.kysely
            .selectFrom("user" as never)
            .select(sql<number>`count(*)`.as("n"))
            .executeTakeFirstOrThrow();
      } finally {
        for (const db of instances.slice(1)) await db.close();
        await t.drop();
      }
    }
  }, 60_000);

  it("is re-entrant: work under the lock may take it again", async () => {
    const t = await open({ migrated: false });
    try {
      const applied = await t.db.withStartupLock((locked) => migrate(locked));
      expect(applied.length).toBeGreaterThan(0);
    } finally {
      await t.drop();
    }
  });
});
