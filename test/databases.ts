// Real databases for repository tests: a fresh SQLite file, and a fresh database on the
// PostgreSQL server named by TEST_POSTGRES_URL (`npm test` starts one; see scripts/).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, openDatabase, type Db } from "@/lib/db/database";
import { freshPostgresDatabase } from "./postgres-database";

export interface TestDatabase {
  db: Db;
  /** The database's URL, to open more handles on it (another app instance, say). */
  url: string;
  drop: () => Promise<void>;
}

export interface OpenOptions {
  /** false: an empty database, as a new deployment's first start sees it. Default true. */
  migrated?: boolean;
}

async function sqlite({ migrated = true }: OpenOptions = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "cp0261-"));
  const url = `file:${join(dir, "test.db")}`;
  const db = openDatabase(url);
  if (migrated) await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(serverUrl: string, { migrated = true }: OpenOptions = {}) {
  const name = `cp0261_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const fresh = await freshPostgresDatabase(serverUrl, name);
  const db = openDatabase(fresh.url);
  if (migrated) await migrate(db);
  return {
    db,
    url: fresh.url,
    drop: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

export type Open = (options?: OpenOptions) => Promise<TestDatabase>;

const postgresUrl = process.env.TEST_POSTGRES_URL;

/** The engines to run repository tests on: SQLite always, PostgreSQL when a server is given. */
export const ENGINES: [name: string, open: Open][] = [
  ["sqlite", sqlite],
  ...(postgresUrl
    ? [["postgres", (options?: OpenOptions) => postgres(postgresUrl, options)] as [string, Open]]
    : []),
];

if (!postgresUrl && process.env.CI)
  throw new Error(
    "TEST_POSTGRES_URL is not set: CI must run the repository tests on PostgreSQL too",
  );
