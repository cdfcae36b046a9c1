// The reviewer queue (reviewQueue) over 100,000 seeded requests, on SQLite and on PostgreSQL:
// seed time, p50/p95 of five queue queries, and the query plans. Figures are printed, never
// asserted. PostgreSQL: a throwaway database on the server at TEST_POSTGRES_URL (skipped with a
// note when that server is unreachable).
// Run: npx tsx --conditions=react-server bench/review-queue.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CompiledQuery,
  type Insertable,
  type KyselyPlugin,
  type QueryId,
  type RootOperationNode,
} from "kysely";
import pg from "pg";
import { migrate, openDatabase, type Db } from "@/lib/db/database";
import type { RequestsTable } from "@/lib/db/schema";
import type { RequestState } from "@/lib/request-model/state-machine";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { dueAt } from "@/lib/request-model/due";
import { reviewQueue, type QueueCursor, type QueueFilter } from "@/lib/requests/repository";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { pick, rng } from "./seeded-random";

const ROWS = 100_000;
const BATCH = 1_000; // 19 columns × 1,000 rows = 19,000 bound parameters, under SQLite's 32,766
const BATCHES_PER_TRANSACTION = 10;
const MEMBERS = 40_000; // M-00001…M-40000: about 2.5 requests per member
const WARMUP = 20;
const REPS = 200;
const PAGE = 50;
const DEEP_PAGE = 21;
/** The queue's clock: every seeded request was submitted in the 30 days before it. */
const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";

const ANSWERS = SAMPLE_SUBMISSION.answers;
const EVALUATION = evaluate(SAMPLE_POLICY, ANSWERS);
const ANSWERS_JSON = JSON.stringify(ANSWERS);
const EVALUATION_JSON = JSON.stringify(EVALUATION);

const STATUS_MIX: [RequestState, number][] = [
  ["pending", 0.7],
  ["approved", 0.1],
  ["denied", 0.1],
  ["more-information", 0.1],
];
// A stored request is never "incomplete" (submitRequest refuses those), so the mix is over the
// three final determinations.
const DETERMINATION_MIX: [string, number][] = [
  ["medically-necessary", 0.6],
  ["not-medically-necessary", 0.3],
  ["experimental-investigational-unproven", 0.1],
];

/** The 100,000 rows, in submission order (references rise with submitted_at, as in the app). */
function seedRows(): Insertable<RequestsTable>[] {
  const random = rng(261);
  const submitted = Array.from({ length: ROWS }, () => NOW.getTime() - random() * 30 * DAY).sort(
    (a, b) => a - b,
  );
  return submitted.map((ms, i) => {
    const at = new Date(Math.floor(ms));
    const urgency: Urgency = random() < 0.3 ? "expedited" : "standard";
    const status = pick(random(), STATUS_MIX);
    const n = i + 1;
    return {
      reference: `R-2026-${String(n).padStart(6, "0")}`,
      physician_id: `physician-${String(1 + Math.floor(random() * 200)).padStart(3, "0")}`,
      patient_name: `Patient ${n}`,
      patient_birth_date: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-15`,
      member_id: `M-${String(1 + Math.floor(random() * MEMBERS)).padStart(5, "0")}`,
      ordering_physician: `Dr. Ordering ${1 + Math.floor(random() * 500)}`,
      npi: String(1_000_000_000 + Math.floor(random() * 999_999_999)),
      service_date: new Date(at.getTime() + 14 * DAY).toISOString().slice(0, 10),
      urgency,
      clinical_notes:
        "Relapsed CML after allogeneic transplant from the same donor; no preparative regimen " +
        "planned. Donor lymphocyte infusion requested per the transplant team's plan.",
      answers_json: ANSWERS_JSON,
      determination: pick(random(), DETERMINATION_MIX),
      evaluation_json: EVALUATION_JSON,
      policy_version: EVALUATION.policy.version,
      status,
      submitted_at: at.toISOString(),
      due_at: dueAt(at, urgency).toISOString(),
      version: status === "pending" ? 1 : 2,
    };
  });
}

async function seed(db: Db, rows: Insertable<RequestsTable>[]): Promise<number> {
  const start = process.hrtime.bigint();
  const perTransaction = BATCH * BATCHES_PER_TRANSACTION;
  for (let t = 0; t < rows.length; t += perTransaction)
    await db.kysely.transaction().execute(async (trx) => {
      for (let b = t; b < Math.min(t + perTransaction, rows.length); b += BATCH)
        await trx
          .insertInto("requests")
          .values(rows.slice(b, b + BATCH))
          .execute();
    });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Timing {
  query: string;
  rows: number;
  p50: number;
  p95: number;
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

async function time(query: string, run: () => Promise<{ rows: unknown[] }>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < REPS; i++) {
    const start = process.hrtime.bigint();
    const page = await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    rows = page.rows.length;
  }
  samples.sort((a, b) => a - b);
  return { query, rows, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

/** The SQL reviewQueue itself sends, captured by a pass-through plugin, for EXPLAIN. */
async function compiledQueueQuery(
  db: Db,
  filter: QueueFilter,
  options: Parameters<typeof reviewQueue>[2],
): Promise<CompiledQuery> {
  let captured: { node: RootOperationNode; queryId: QueryId } | undefined;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured = args;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await reviewQueue({ ...db, kysely: db.kysely.withPlugin(plugin) }, filter, options);
  if (!captured) throw new Error("reviewQueue sent no query");
  return db.kysely.getExecutor().compileQuery(captured.node, captured.queryId);
}

async function explain(db: Db, query: CompiledQuery): Promise<string[]> {
  if (db.engine === "sqlite") {
    const { rows } = await db.kysely.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${"  ".repeat(d - 1)}${r.detail}`;
    });
  }
  const { rows } = await db.kysely.executeQuery<{ "QUERY PLAN": string }>(
    CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
  );
  return rows.map((r) => r["QUERY PLAN"]);
}

/** A whole-table read of requests: SQLite "SCAN requests" with no index, PostgreSQL "Seq Scan". */
const fullScan = (plan: string[]) =>
  plan.some((line) => /^\s*SCAN requests(?! USING)|Seq Scan on requests/.test(line));

const ms = (n: number) => n.toFixed(3).padStart(9);

function printTable(engine: string, count: number, timings: Timing[]) {
  const width = Math.max(...timings.map((t) => t.query.length));
  console.log(
    `\n${engine}, ${count.toLocaleString("en-US")} requests, ${REPS} runs after ${WARMUP} warm-up`,
  );
  console.log(`${"query".padEnd(width)} | rows |  p50 ms   |  p95 ms`);
  console.log(`${"-".repeat(width)}-|------|-----------|----------`);
  for (const t of timings)
    console.log(
      `${t.query.padEnd(width)} | ${String(t.rows).padStart(4)} | ${ms(t.p50)} | ${ms(t.p95)}`,
    );
}

async function bench(engine: string, db: Db, rows: Insertable<RequestsTable>[]) {
  await migrate(db);
  const seedMs = await seed(db, rows);
  const { count } = await db.kysely
    .selectFrom("requests")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  console.log(
    `\n${engine}: seeded ${Number(count).toLocaleString("en-US")} requests in ` +
      `${(seedMs / 1000).toFixed(2)} s (${Math.round(Number(count) / (seedMs / 1000)).toLocaleString("en-US")} rows/s, ` +
      `batches of ${BATCH}, ${BATCH * BATCHES_PER_TRANSACTION} rows per transaction)`,
  );
  // PostgreSQL's autovacuum would analyze the new rows within a minute; do it now so the plans
  // do not depend on when it ran. SQLite is left as the app leaves it (no ANALYZE, no stats).
  if (db.engine === "postgres") await db.kysely.executeQuery(CompiledQuery.raw("ANALYZE requests"));

  const filtered: QueueFilter = { status: "pending", urgency: "expedited", overdue: true };
  const member = rows[ROWS / 2]!.member_id;
  const search: QueueFilter = { search: member };
  let after: QueueCursor | undefined;
  for (let page = 1; page < DEEP_PAGE; page++) {
    after = (await reviewQueue(db, {}, { after, limit: PAGE, now: NOW })).next;
    if (!after) throw new Error(`the queue ended before page ${page + 1}`);
  }
  const deep = after;

  const timings = [
    await time("1. first page, no filter", () => reviewQueue(db, {}, { limit: PAGE, now: NOW })),
    await time("2. pending + expedited + overdue", () =>
      reviewQueue(db, filtered, { limit: PAGE, now: NOW }),
    ),
    await time(`3. page ${DEEP_PAGE} by keyset cursor`, () =>
      reviewQueue(db, {}, { after: deep, limit: PAGE, now: NOW }),
    ),
    await time(`4. search member ${member}`, () =>
      reviewQueue(db, search, { limit: PAGE, now: NOW }),
    ),
    await time("5. open cases (the page's default)", () =>
      reviewQueue(db, { open: true }, { limit: PAGE, now: NOW }),
    ),
  ];
  printTable(engine, Number(count), timings);

  const plans: [string, string[]][] = [
    ["filtered (2)", await explain(db, await compiledQueueQuery(db, filtered, { now: NOW }))],
    [
      "deep page (3)",
      await explain(db, await compiledQueueQuery(db, {}, { after: deep, now: NOW })),
    ],
    ["member search (4)", await explain(db, await compiledQueueQuery(db, search, { now: NOW }))],
    [
      "open cases (5)",
      await explain(db, await compiledQueueQuery(db, { open: true }, { now: NOW })),
    ],
  ];
  for (const [name, plan] of plans) {
    const verb = db.engine === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN";
    console.log(`\n${engine} ${verb}, ${name}${fullScan(plan) ? "  [FULL TABLE SCAN]" : ""}:`);
    for (const line of plan) console.log(`  ${line}`);
  }
}

async function runSqlite(rows: Insertable<RequestsTable>[]) {
  const dir = mkdtempSync(join(tmpdir(), "cp0261-bench-"));
  const db = openDatabase(`file:${join(dir, "bench.db")}`);
  try {
    await bench("SQLite", db, rows);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(rows: Insertable<RequestsTable>[]) {
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
  const fresh = await freshPostgresDatabase(
    POSTGRES_URL,
    `cp0261_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
  );
  let db: Db | undefined;
  try {
    db = openDatabase(fresh.url);
    await bench(`PostgreSQL ${version[0]?.server_version ?? ""}`.trim(), db, rows);
  } finally {
    await db?.close();
    await fresh.drop();
  }
}

const rows = seedRows();
console.log(
  `reviewQueue benchmark: ${ROWS.toLocaleString("en-US")} requests submitted in the 30 days ` +
    `before ${NOW.toISOString()} (the queue's "now"), page size ${PAGE}, node ${process.version}`,
);
await runSqlite(rows);
await runPostgres(rows);
