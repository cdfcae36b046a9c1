import "server-only";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export type Engine = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close: () => Promise<void>;
}

/** Opens `file:<path>` (SQLite, created if missing) or `postgres://…`; does not migrate. */
export function openDatabase(url: string): Db {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // Durable before fast: every commit reaches the disk before it is acknowledged.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { kysely, engine: "sqlite", close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: "postgres", close: () => kysely.destroy() };
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

let shared: Promise<Db> | undefined;

/** The application's database, from DATABASE_URL, migrated on first use. */
export function getDb(): Promise<Db> {
  shared ??= (async () => {
    const db = openDatabase(env().DATABASE_URL);
    await migrate(db);
    return db;
  })();
  return shared;
}
