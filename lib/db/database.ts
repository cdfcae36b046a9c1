import "server-only";
import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationProvider,
} from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { EHR_MIGRATIONS } from "./ehr-migrations";
import { HARDENING_MIGRATIONS } from "./hardening-migrations";
import { PAS_LOOP_MIGRATIONS } from "./pas-loop-migrations";
import { SUBSCRIPTION_MIGRATIONS } from "./subscription-migrations";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export type Engine = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close: () => Promise<void>;
  /**
   * Runs `work` while no other process (another app instance, a script) holds the same lock on
   * this database, so schema changes made at start-up never race. Re-entrant: `work` gets a Db
   * whose own lock is the one already held.
   */
  withStartupLock: <T>(work: (db: Db) => Promise<T>) => Promise<T>;
}

// Any fixed 64-bit number, the same in every instance; Kysely's migrator uses another one.
const STARTUP_LOCK = 26_102_610_261;
const LOCK_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE takes SQLite's write lock for the whole file. It is tried without SQLite's own
 * busy wait, which would block this process's event loop (and with it a second handle in the
 * same process that holds the lock), and retried until LOCK_WAIT_MS.
 */
async function beginImmediate(sqlite: SQLite.Database) {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    for (let waited = 0; ; waited += 25) {
      try {
        sqlite.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || waited >= LOCK_WAIT_MS)
          throw error;
      }
      await sleep(25);
    }
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

function openSqlite(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // Durable before fast: every commit reaches the disk before it is acknowledged.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    kysely,
    engine: "sqlite",
    close: () => kysely.destroy(),
    async withStartupLock(work) {
      // The work runs in one transaction on this file's handle, through a Kysely of its own
      // (never destroyed: that would close the shared handle).
      const locked: Db = {
        kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
        engine: "sqlite",
        close: async () => {},
        withStartupLock: (inner) => inner(locked),
      };
      await beginImmediate(sqlite);
      try {
        const result = await work(locked);
        sqlite.exec("COMMIT");
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      }
    },
  };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const db: Db = {
    kysely,
    engine: "postgres",
    close: () => kysely.destroy(),
    // A session-level advisory lock on one pooled connection while the work uses the others;
    // PostgreSQL releases it if this process dies.
    withStartupLock: (work) =>
      kysely.connection().execute(async (connection) => {
        await sql`select set_config('lock_timeout', ${String(LOCK_WAIT_MS)}, false)`.execute(
          connection,
        );
        await sql`select pg_advisory_lock(${sql.lit(STARTUP_LOCK)})`.execute(connection);
        try {
          const held: Db = { ...db, withStartupLock: (inner) => inner(held) };
          return await work(held);
        } finally {
          await sql`select pg_advisory_unlock(${sql.lit(STARTUP_LOCK)})`.execute(connection);
          await sql`select set_config('lock_timeout', '0', false)`.execute(connection);
        }
      }),
  };
  return db;
}

/** Opens `file:<path>` (SQLite, created if missing) or `postgres://…`; does not migrate. */
export function openDatabase(url: string): Db {
  return url.startsWith("file:") ? openSqlite(url.slice("file:".length)) : openPostgres(url);
}

// The workspace's migrations (0001–0011, then 0030 on), the EHR integration's (0020–0023) and the
// hardening's (0040 on), the PAS loop's (0050 on) and the Subscriptions' (0060 on), applied together in name order: a new
// migration is named after the last
// one applied anywhere.
export const allMigrations: MigrationProvider = {
  getMigrations: async () => ({
    ...(await migrationProvider.getMigrations()),
    ...EHR_MIGRATIONS,
    ...HARDENING_MIGRATIONS,
    ...PAS_LOOP_MIGRATIONS,
    ...SUBSCRIPTION_MIGRATIONS,
  }),
};

/** Applies every pending migration under the start-up lock; throws with the failing migration's error. */
export async function migrate(db: Db): Promise<string[]> {
  return db.withStartupLock(async (locked) => {
    const migrator = new Migrator({ db: locked.kysely, provider: allMigrations });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  });
}

let shared: Promise<Db> | undefined;

/**
 * The application's database, from DATABASE_URL, migrated on first use. A failure is not kept:
 * the next call tries again, so an instance recovers once the database does.
 */
export function getDb(): Promise<Db> {
  shared ??= (async () => {
    const db = openDatabase(env().DATABASE_URL);
    try {
      await migrate(db);
      return db;
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
  })().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
