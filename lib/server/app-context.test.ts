import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";

// A database path whose directory cannot be made, because a file stands where it should be.
const dir = mkdtempSync(join(tmpdir(), "cp0261-ctx-"));
const blocker = join(dir, "data");
writeFileSync(blocker, "not a directory");
process.env.DATABASE_URL = `file:${join(blocker, "app.db")}`;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

const { appContext } = await import("./app-context");
const { getDb } = await import("@/lib/db/database");

afterAll(async () => {
  await (await getDb()).close();
  rmSync(dir, { recursive: true, force: true });
});

describe("appContext and getDb after a failed start", () => {
  it("fail while the database cannot be opened, then recover without a restart", async () => {
    await expect(getDb()).rejects.toThrow();
    await expect(appContext()).rejects.toThrow();

    // The operator fixes the cause; the same process serves on its next use.
    rmSync(blocker);
    const { db, auth } = await appContext();
    expect(auth).toBeDefined();
    const row = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
    expect(row.rows[0]?.one).toBe(1);
    expect(await getDb()).toBe(db);
  });
});
