// Real databases for repository tests: a fresh SQLite file, and a fresh database on the
// PostgreSQL server named by TEST_POSTGRES_URL (`npm test` starts one; see scripts/).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrate, openDatabase, type Db } from "@/lib/db/database";

export interface TestDatabase {
  db: Db;
  drop: () => Promise<void>;
}

async function sqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "cp0261-"));
  const db = openDatabase(`file:${join(dir, "test.db")}`);
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(serverUrl: string): Promise<TestDatabase> {
  const name = `cp0261_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const postgresUrl = process.env.TEST_POSTGRES_URL;

/** The engines to run repository tests on: SQLite always, PostgreSQL when a server is given. */
export const ENGINES: [name: string, open: () => Promise<TestDatabase>][] = [
  ["sqlite", sqlite],
  ...(postgresUrl
    ? [["postgres", () => postgres(postgresUrl)] as [string, () => Promise<TestDatabase>]]
    : []),
];

if (!postgresUrl && process.env.CI)
  throw new Error(
    "TEST_POSTGRES_URL is not set: CI must run the repository tests on PostgreSQL too",
  );
