import { afterAll, beforeAll } from "vitest";
import { migrateAuth } from "@/lib/auth/auth";
import type { Open, TestDatabase } from "./databases";

/**
 * A fresh database for the tests of one describe block: opened before them, with the accounts
 * tables when `accounts` (a case history names people from them), and dropped after them.
 */
export function testDatabase(open: Open, { accounts = false } = {}): TestDatabase {
  // Filled in before the first test runs; the tests read it only from then on.
  const t = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(t, await open());
    if (accounts) await migrateAuth(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });
  return t;
}
