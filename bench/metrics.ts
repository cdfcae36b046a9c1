// /metrics over a year of 1,000,000 requests, on SQLite and on PostgreSQL: seed time (through the
// summary's triggers, as the app writes), p50/p95 of the page's reads alone and of the whole page
// (HTTP GET /metrics?year=2025 from next start), the same figures read without the summary for
// comparison, the query plans, and a decision committed during the run showing up in the next
// download. Figures are printed, never asserted. Needs a production build (`npm run build`).
// PostgreSQL: a throwaway database on the server at TEST_POSTGRES_URL (skipped when unreachable).
// Run: LOG_LEVEL=warn npx tsx --conditions=react-server bench/metrics.ts
//      (LOG_LEVEL quiets this process's audit lines; the server logs at info, as deployed)
//      (BENCH_ROWS overrides the 1,000,000 requests, BENCH_PORT the port, 3206)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompiledQuery, sql, type Insertable } from "kysely";
import pg from "pg";
import { migrate, openDatabase, type Db } from "@/lib/db/database";
import type { RequestsTable } from "@/lib/db/schema";
import type { RequestState } from "@/lib/request-model/state-machine";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { yearPeriod } from "@/lib/metrics/period";
import { periodFigures, yearsWithDecisions } from "@/lib/metrics/period-figures";
import { dueAt } from "@/lib/request-model/due";
import { submitRequest } from "@/lib/requests/repository";
import { decideRequest } from "@/lib/requests/transitions";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { startNext } from "./next-server";
import { pick, rng } from "./seeded-random";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3206);
const YEAR = 2025;
const BATCH = 1_000; // 20 columns × 1,000 rows = 20,000 bound parameters
const BATCHES_PER_TRANSACTION = 20;
const QUERY_WARMUP = 20;
const QUERY_REPS = 200;
const PAGE_WARMUP = 10;
const PAGE_REPS = 100;
const NO_SUMMARY_REPS = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";

const EVALUATION_JSON = JSON.stringify(evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers));
const ANSWERS_JSON = JSON.stringify(SAMPLE_SUBMISSION.answers);

// Of every 100 requests: 3 never decided (open or withdrawn), 97 decided; of the decided, 75 %
// approved first and 25 % denied, of the denials 30 % appealed (40 % of those overturned, 50 %
// upheld, 10 % still open). 8 % of standard requests are extended.
const UNDECIDED: [RequestState, number][] = [
  ["pending", 0.01],
  ["more-information", 0.005],
  ["information-received", 0.005],
  ["withdrawn", 0.01],
];
const APPEAL: [RequestState, number][] = [
  ["appeal-overturned", 0.4],
  ["appeal-upheld", 0.5],
  ["appealed", 0.1],
];

/** Row `i` of the seed: submitted in order through the year (references rise with time). */
function* seedRows(): Generator<Insertable<RequestsTable>> {
  const random = rng(2025);
  const start = Date.UTC(YEAR, 0, 1);
  const span = 357 * DAY; // the last week's decisions may fall in January
  for (let i = 0; i < ROWS; i++) {
    const submitted = new Date(start + Math.floor((i / ROWS) * span + random() * 60_000));
    const urgency: Urgency = random() < 0.3 ? "expedited" : "standard";
    const extended = urgency === "standard" && random() < 0.08;
    const r = random();
    const undecided = r < 0.03 ? pick(r, UNDECIDED) : undefined;
    // Exponential decision times: mean 30 hours expedited (91 % within 72 h), 3.5 days standard
    // (86 % within 7 days), at least 10 minutes.
    const mean = urgency === "expedited" ? 30 * HOUR : 3.5 * DAY;
    const decisionMs = Math.max(600_000, Math.round(-Math.log(1 - random()) * mean));
    const decidedAt = new Date(submitted.getTime() + decisionMs);
    let status: RequestState = undecided ?? (random() < 0.75 ? "approved" : "denied");
    let appealedAt: string | null = null;
    let appealDecidedAt: string | null = null;
    if (status === "denied" && random() < 0.3) {
      status = pick(random(), APPEAL);
      appealedAt = new Date(decidedAt.getTime() + 5 * DAY).toISOString();
      if (status !== "appealed")
        appealDecidedAt = new Date(decidedAt.getTime() + 20 * DAY).toISOString();
    }
    const due = dueAt(submitted, urgency).getTime() + (extended ? 5 * DAY : 0);
    yield {
      reference: `R-${YEAR}-${String(i + 1).padStart(7, "0")}`,
      physician_id: `physician-${String(1 + Math.floor(random() * 500)).padStart(3, "0")}`,
      patient_name: `Patient ${i + 1}`,
      patient_birth_date: "1970-03-04",
      member_id: `M-${String(1 + Math.floor(random() * 400_000)).padStart(6, "0")}`,
      ordering_physician: "Dr. Ordering",
      npi: "1234567893",
      service_date: new Date(submitted.getTime() + 14 * DAY).toISOString().slice(0, 10),
      urgency,
      clinical_notes: "Relapse 9 months after allogeneic HSCT; DLI requested per the plan.",
      answers_json: ANSWERS_JSON,
      determination: "medically-necessary",
      evaluation_json: EVALUATION_JSON,
      policy_version: "2021-07-15",
      status,
      submitted_at: submitted.toISOString(),
      due_at: new Date(due).toISOString(),
      version: undecided === "pending" ? 1 : 2,
      decided_at: undecided ? null : decidedAt.toISOString(),
      decision_ms: undecided ? null : decisionMs,
      extended_at: extended ? new Date(submitted.getTime() + HOUR).toISOString() : null,
      extension_reason: extended ? "Awaiting records." : null,
      appealed_at: appealedAt,
      appeal_decided_at: appealDecidedAt,
    };
  }
}

async function seed(db: Db): Promise<number> {
  const started = process.hrtime.bigint();
  const rows = seedRows();
  let done = false;
  while (!done)
    await db.kysely.transaction().execute(async (trx) => {
      for (let b = 0; b < BATCHES_PER_TRANSACTION && !done; b++) {
        const batch: Insertable<RequestsTable>[] = [];
        for (let next = rows.next(); ; next = rows.next()) {
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value);
          if (batch.length === BATCH) break;
        }
        if (batch.length) await trx.insertInto("requests").values(batch).execute();
      }
    });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

interface Timing {
  what: string;
  runs: number;
  p50: number;
  p95: number;
}

async function time(what: string, warmup: number, reps: number, run: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { what, runs: reps, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

/** The year's figures straight from requests, without the summary: what 0011 saves each page. */
const withoutSummary = (db: Db) =>
  sql`SELECT urgency, substr(decided_at, 1, 7) AS month, count(*) AS decided,
      sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS approved,
      sum(CASE WHEN status IN ('denied', 'appealed', 'appeal-upheld', 'appeal-overturned') THEN 1 ELSE 0 END) AS denied,
      sum(CASE WHEN status = 'appeal-overturned' THEN 1 ELSE 0 END) AS overturned,
      sum(CASE WHEN extended_at IS NOT NULL THEN 1 ELSE 0 END) AS extended,
      sum(decision_ms) AS total
    FROM requests WHERE decided_at >= ${`${YEAR}-01-01`} AND decided_at < ${`${YEAR + 1}-01-01`}
    GROUP BY urgency, substr(decided_at, 1, 7)`.execute(db.kysely);

async function explain(db: Db, query: string, parameters: unknown[]): Promise<string[]> {
  if (db.engine === "sqlite") {
    const { rows } = await db.kysely.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query}`, parameters),
    );
    return rows.map((r) => r.detail);
  }
  const { rows } = await db.kysely.executeQuery<{ "QUERY PLAN": string }>(
    CompiledQuery.raw(`EXPLAIN ${query}`, parameters),
  );
  return rows.map((r) => r["QUERY PLAN"]);
}

/** The summary holds what a recount of requests gives, row for row. */
async function summaryMatchesRecount(db: Db): Promise<boolean> {
  const recount = await sql<Record<string, unknown>>`
    SELECT substr(decided_at, 1, 10) AS day, urgency, count(*) AS decided,
      sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS approved, sum(decision_ms) AS total
    FROM requests WHERE decided_at IS NOT NULL GROUP BY substr(decided_at, 1, 10), urgency
    ORDER BY 1, 2`.execute(db.kysely);
  const summary = await sql<Record<string, unknown>>`
    SELECT day, urgency, decided, approved, decision_ms_total AS total FROM metrics_daily
    WHERE decided <> 0 ORDER BY 1, 2`.execute(db.kysely);
  const text = (rows: Record<string, unknown>[]) =>
    JSON.stringify(
      rows.map((r) => [r.day, r.urgency, Number(r.decided), Number(r.approved), Number(r.total)]),
    );
  return text(recount.rows) === text(summary.rows);
}

const ms = (n: number) => n.toFixed(2).padStart(9);

function printTimings(title: string, timings: Timing[]) {
  const width = Math.max(...timings.map((t) => t.what.length));
  console.log(`\n${title}`);
  console.log(`${"what".padEnd(width)} | runs |  p50 ms   |  p95 ms`);
  console.log(`${"-".repeat(width)}-|------|-----------|----------`);
  for (const t of timings)
    console.log(
      `${t.what.padEnd(width)} | ${String(t.runs).padStart(4)} | ${ms(t.p50)} | ${ms(t.p95)}`,
    );
}

async function bench(engine: string, db: Db, url: string) {
  await migrate(db);
  const seedMs = await seed(db);
  const count = Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM requests`.execute(db.kysely)).rows[0]!.n,
  );
  console.log(
    `\n${engine}: seeded ${count.toLocaleString("en-US")} requests in ${(seedMs / 1000).toFixed(1)} s ` +
      `(${Math.round(count / (seedMs / 1000)).toLocaleString("en-US")} rows/s through the summary's triggers)`,
  );
  // PostgreSQL's autovacuum would soon vacuum and analyze the new rows (the median's index-only
  // scan needs the visibility map); do it now so the figures do not depend on when it ran.
  // SQLite is left as the app leaves it (no ANALYZE).
  if (db.engine === "postgres") await sql`VACUUM ANALYZE`.execute(db.kysely);
  console.log(
    `${engine}: the summary equals a full recount of requests: ${await summaryMatchesRecount(db)}`,
  );

  const period = yearPeriod(YEAR);
  const figures = await periodFigures(db, period);
  const decided = figures.days.reduce((n, d) => n + d.decided, 0);
  console.log(
    `${engine}: ${decided.toLocaleString("en-US")} decided in ${YEAR}, ${figures.days.length} summary rows; ` +
      `medians ${((figures.medianMs.standard ?? 0) / HOUR).toFixed(1)} h standard, ` +
      `${((figures.medianMs.expedited ?? 0) / HOUR).toFixed(1)} h expedited`,
  );
  const queries = [
    await time(
      "page's reads: periodFigures (summary + 2 medians) + years with data",
      QUERY_WARMUP,
      QUERY_REPS,
      async () => {
        await periodFigures(db, period);
        await yearsWithDecisions(db);
      },
    ),
    await time("  periodFigures alone", QUERY_WARMUP, QUERY_REPS, () => periodFigures(db, period)),
    await time("  years with data alone", QUERY_WARMUP, QUERY_REPS, () => yearsWithDecisions(db)),
    await time(
      "for comparison, no summary: the year's counts from requests",
      1,
      NO_SUMMARY_REPS,
      () => withoutSummary(db),
    ),
  ];
  printTimings(`${engine}: the queries alone (in this process)`, queries);

  const medianSql =
    "SELECT decision_ms FROM requests WHERE urgency = ? AND decided_at IS NOT NULL AND substr(decided_at, 1, 4) = ? ORDER BY decision_ms LIMIT 2 OFFSET 300000";
  const summarySql = "SELECT * FROM metrics_daily WHERE day >= ? AND day < ?";
  const placeholders = (q: string) => {
    let n = 0;
    return db.engine === "postgres" ? q.replace(/\?/g, () => `$${++n}`) : q;
  };
  for (const [name, query, parameters] of [
    ["median (index walk)", medianSql, ["standard", String(YEAR)]],
    ["summary rows", summarySql, [period.from, period.to]],
  ] as const) {
    console.log(`\n${engine} plan, ${name}:`);
    for (const line of await explain(db, placeholders(query), [...parameters]))
      console.log(`  ${line}`);
  }

  const server = await startNext(PORT, {
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "bench-only-secret-bench-only-secret-0261",
      APP_URL: `http://127.0.0.1:${PORT}`,
      LOG_LEVEL: "info",
    },
  });
  try {
    const get = async (path: string) => {
      const response = await fetch(`${server.base}${path}`);
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return response.text();
    };
    const pages = [
      await time(`GET /metrics?year=${YEAR}`, PAGE_WARMUP, PAGE_REPS, () =>
        get(`/metrics?year=${YEAR}`),
      ),
      await time(`GET /metrics/${YEAR}.csv`, PAGE_WARMUP, PAGE_REPS, () =>
        get(`/metrics/${YEAR}.csv`),
      ),
    ];
    printTimings(
      `${engine}: the whole page over HTTP from next start (one client, in turn)`,
      pages,
    );

    // A decision committed now is in the very next download: no cache stands in between.
    const standardDecided = async () =>
      JSON.parse(await get(`/metrics/${YEAR}.json`)).urgencies.standard.decided as number;
    const before = await standardDecided();
    const stored = await submitRequest(
      db,
      "bench-physician",
      { ...SAMPLE_SUBMISSION, urgency: "standard" },
      SAMPLE_POLICY,
      new Date(`${YEAR}-06-01T08:00:00.000Z`),
    );
    if (!stored.ok) throw new Error("the freshness request was not stored");
    await decideRequest(
      db,
      {
        reference: stored.reference,
        expectedVersion: 1,
        action: "approve",
        rationale: "Bench.",
        actor: { id: "bench-reviewer", role: "reviewer" },
        policy: SAMPLE_POLICY,
      },
      new Date(`${YEAR}-06-02T08:00:00.000Z`),
    );
    const after = await standardDecided();
    console.log(
      `${engine}: standard requests decided in ${YEAR} per /metrics/${YEAR}.json: ` +
        `${before.toLocaleString("en-US")} before one more decision, ${after.toLocaleString("en-US")} right after`,
    );
  } finally {
    await server.kill();
  }
}

async function runSqlite() {
  const dir = mkdtempSync(join(tmpdir(), "cp0261-metrics-"));
  const url = `file:${join(dir, "bench.db")}`;
  const db = openDatabase(url);
  try {
    await bench("SQLite", db, url);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres() {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(
      `\nPostgreSQL skipped: ${POSTGRES_URL.replace(/\/\/[^@/]*@/, "//…@")} is unreachable ` +
        `(${error instanceof Error ? error.message : String(error)}).`,
    );
    return;
  }
  const { rows: version } = await admin.query<{ server_version: string }>("SHOW server_version");
  await admin.end();
  const fresh = await freshPostgresDatabase(POSTGRES_URL, `cp0261_bench_metrics_${process.pid}`);
  const db = openDatabase(fresh.url);
  try {
    await bench(`PostgreSQL ${version[0]?.server_version ?? ""}`.trim(), db, fresh.url);
  } finally {
    await db.close();
    await fresh.drop();
  }
}

console.log(
  `/metrics benchmark: ${ROWS.toLocaleString("en-US")} requests submitted through ${YEAR} ` +
    `(about 70 % standard, 30 % expedited; 97 % decided, 75 % of them approved first; ` +
    `a third of denials appealed; 8 % of standard requests extended).`,
);
await runSqlite();
await runPostgres();
process.exit(0);
