import "server-only";
import { sql, type Kysely } from "kysely";
import type { Db } from "./database";
import type { Database } from "./schema";

/**
 * Runs `work` in one transaction that no other transaction taking any of the same `locks` (in
 * this process or another one on the same database) can interleave with. PostgreSQL: an advisory
 * lock per key, taken in the order given, released at commit. SQLite: BEGIN IMMEDIATE, the write
 * lock of the whole file, taken before the first read.
 */
export async function lockedTransaction<T>(
  db: Db,
  locks: readonly string[],
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.engine === "postgres")
    return db.kysely.transaction().execute(async (trx) => {
      for (const key of locks)
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 261))`.execute(trx);
      return work(trx);
    });
  // Kysely's own transaction() would BEGIN DEFERRED: a read first, then a write, would not wait
  // for another process's writer and could fail instead.
  return db.kysely.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => {});
      throw error;
    }
  });
}
