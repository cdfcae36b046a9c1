// Submissions per second: autocannon POSTs requests to /api/requests for 10 s as a signed-in
// physician, against next start on SQLite and on PostgreSQL. Needs a production build.
// Run: npx tsx bench/submissions.ts   (PostgreSQL from TEST_POSTGRES_URL, skipped if absent)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = 3204;
const BASE = `http://127.0.0.1:${PORT}`;

async function serve(databaseUrl: string) {
  const server = spawn("npx", ["tsx", "--conditions=react-server", "scripts/e2e-server.ts"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: databaseUrl },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return stop;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

async function measure(engine: string, databaseUrl: string) {
  const stop = await serve(databaseUrl);
  try {
    const cookie = await signInCookie(BASE, ACCOUNTS.physician.email, ACCOUNTS.physician.password);
    const body = JSON.stringify({ ...SEEDED_REQUESTS[0], memberId: "BENCH-1" });
    const headers = { "content-type": "application/json", cookie };
    await autocannon({
      url: `${BASE}/api/requests`,
      method: "POST",
      headers,
      body,
      duration: 2,
      connections: 10,
    });
    const r = await autocannon({
      url: `${BASE}/api/requests`,
      method: "POST",
      headers,
      body,
      duration: DURATION,
      connections: 10,
    });
    return {
      engine,
      "submissions/s": Math.round(r.requests.average),
      "p50 ms": r.latency.p50,
      "p99 ms": r.latency.p99,
      "2xx": r["2xx"],
      "non-2xx": r.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-submit-"));
rows.push(await measure("SQLite (WAL, synchronous=FULL)", `file:${join(dir, "bench.db")}`));
rmSync(dir, { recursive: true, force: true });

const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
const name = `cp0261_bench_submit_${process.pid}`;
try {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  rows.push(await measure("PostgreSQL", url.toString()));
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await cleanup.end();
} catch (error) {
  console.log(`PostgreSQL skipped: ${(error as Error).message}`);
}

console.table(rows);
console.log(
  `${DURATION} s each after a 2 s warm-up, 10 connections, one next start, one physician session.`,
);
process.exit(0);
