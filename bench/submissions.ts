// Submissions per second: autocannon POSTs requests to /api/requests as a signed-in physician,
// against next start on SQLite and on PostgreSQL, without an Idempotency-Key and with a fresh key
// on every request (the key claimed and checked in the same transaction), in the same run,
// alternating: without, with, without, with. Needs a production build.
// Run: npx tsx bench/submissions.ts   (PostgreSQL from TEST_POSTGRES_URL, skipped if absent;
// BENCH_SECONDS overrides 10 s per round, BENCH_PORT the port, 3204.)
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { serve } from "./serve";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3204);
const BASE = `http://127.0.0.1:${PORT}`;

async function measure(engine: string, databaseUrl: string) {
  const stop = await serve(PORT, databaseUrl);
  try {
    const cookie = await signInCookie(BASE, ACCOUNTS.physician.email, ACCOUNTS.physician.password);
    const body = JSON.stringify({ ...SEEDED_REQUESTS[0], memberId: "BENCH-1" });
    const headers = { "content-type": "application/json", cookie };
    const run = (withKey: boolean, duration: number) =>
      autocannon({
        url: `${BASE}/api/requests`,
        method: "POST",
        headers,
        body,
        duration,
        connections: 10,
        // A new key for every request: each is stored, and each pays for the key's claim.
        ...(withKey
          ? {
              requests: [
                {
                  setupRequest: (request: autocannon.Request) => ({
                    ...request,
                    headers: { ...request.headers, "idempotency-key": randomUUID() },
                  }),
                },
              ],
            }
          : {}),
      });
    await run(false, 2);
    const results: Record<string, autocannon.Result[]> = { without: [], with: [] };
    for (const withKey of [false, true, false, true])
      results[withKey ? "with" : "without"]!.push(await run(withKey, DURATION));
    return Object.entries(results).map(([mode, runs]) => {
      const sum = (pick: (r: autocannon.Result) => number) =>
        runs.reduce((total, r) => total + pick(r), 0);
      return {
        engine,
        "Idempotency-Key": mode,
        "submissions/s": Math.round(sum((r) => r.requests.average) / runs.length),
        "p50 ms": Math.round(sum((r) => r.latency.p50) / runs.length),
        "p99 ms": Math.round(sum((r) => r.latency.p99) / runs.length),
        "2xx": sum((r) => r["2xx"]),
        "non-2xx": sum((r) => r.non2xx),
        errors: sum((r) => r.errors + r.timeouts),
      };
    });
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-submit-"));
rows.push(...(await measure("SQLite (WAL, synchronous=FULL)", `file:${join(dir, "bench.db")}`)));
rmSync(dir, { recursive: true, force: true });

const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
const name = `cp0261_bench_submit_${process.pid}`;
try {
  const fresh = await freshPostgresDatabase(serverUrl, name);
  rows.push(...(await measure("PostgreSQL", fresh.url)));
  await fresh.drop();
} catch (error) {
  console.log(`PostgreSQL skipped: ${(error as Error).message}`);
}

console.table(rows);
console.log(
  `Each mode: two rounds of ${DURATION} s, alternating, after a 2 s warm-up; 10 connections, one next start, one physician session.`,
);
process.exit(0);
