import "server-only";
import type { Kysely } from "kysely";
import type { Db } from "./database";
import type { Database } from "./schema";

/**
 * Runs `work`'s reads on one snapshot of the database, so figures read by several queries agree
 * while decisions are being written. PostgreSQL: a read-only REPEATABLE READ transaction.
 * SQLite (WAL): a deferred transaction, whose first read fixes the snapshot.
 */
export function readSnapshot<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const transaction = db.kysely.transaction();
  return (
    db.engine === "postgres"
      ? transaction.setIsolationLevel("repeatable read").setAccessMode("read only")
      : transaction
  ).execute(work);
}
