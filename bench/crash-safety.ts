// Crash safety: 50 concurrent clients POST 2,000 requests to /api/requests as a signed-in
// physician while `next start` is killed with SIGKILL at random moments and restarted, and a
// reviewer process deciding requests is killed with it. Every request carries an Idempotency-Key,
// and a client whose connection broke after sending (outcome unknown) sends the same body with
// the same key again until it is answered, as a careful integration would. Afterwards, with
// everything stopped, the database is read directly: every acknowledged reference must be stored
// with exactly the fields sent (SHA-256 compared), no body may be stored twice, no request,
// decision or audit row may be half-written, and on SQLite PRAGMA integrity_check must be ok.
// SQLite, then PostgreSQL (TEST_POSTGRES_URL, skipped if unset). Needs a production build
// (npx next build --webpack). Exit code 1 if anything was lost, duplicated or broken.
// Run: source scripts/ensure-postgres.sh; npx tsx --conditions=react-server bench/crash-safety.ts
// (CRASH_TOTAL, CRASH_CLIENTS override 2,000 and 50; CRASH_PORT the first of two ports, 3400.)
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomInt, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { sql } from "kysely";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";
import { openDatabase } from "@/lib/db/database";
import type { DecisionAction } from "@/lib/request-model/vocabulary";
import { storedRequestOf } from "@/lib/requests/request-row";
import { decideRequest } from "@/lib/requests/transitions";
import type { RequestSubmission as Submission } from "@/lib/validations/request-submission";
import { seedUsers } from "../scripts/seed-users";
import { startNext, type NextServer } from "./next-server";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { SAMPLE_POLICY } from "@/test/sample-submission";
import { canonicalJson } from "@/lib/requests/canonical-json";

const TOTAL = Number(process.env.CRASH_TOTAL ?? 2000);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 50);
const AUTH_SECRET = "crash-bench-only-secret-crash-bench-0261";
const MARKER = "CRASH-";
const PORT = Number(process.env.CRASH_PORT ?? 3400);
const SQLITE_DIR = `/tmp/crash-bench-${PORT}`;
const PG_DATABASE = "cp0261_crash";

interface Ack {
  reference: string;
  hash: string;
}

interface ClientTally {
  acks: Ack[];
  /** Connection refused: nothing reached the server, so the same body is sent again. */
  refused: number;
  /** Reset, closed or timed out after sending: the outcome is unknown; sent again, same key. */
  ambiguous: number;
  /** Answered with Idempotent-Replayed: an earlier send, whose answer was lost, had stored it. */
  replayed: number;
  /** Answered, but not with 201. */
  rejected: Record<number, number>;
}

// ---------------------------------------------------------------------------------- hashing

/** The SHA-256 of what a physician sends: the same for the body sent and the row stored. */
function fieldsHash(fields: Submission): string {
  const canonical = canonicalJson({
    patientName: fields.patientName,
    patientBirthDate: fields.patientBirthDate,
    memberId: fields.memberId,
    orderingPhysician: fields.orderingPhysician,
    npi: fields.npi,
    serviceDate: fields.serviceDate,
    urgency: fields.urgency,
    clinicalNotes: fields.clinicalNotes,
    answers: fields.answers,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

// ---------------------------------------------------------------------------------- clients

/** The n-th body: its member ID and notes make it identifiable, the rest varies so the hash does. */
function submission(n: number): Submission {
  const id = String(n).padStart(6, "0");
  return {
    ...SEEDED_REQUESTS[0]!,
    patientName: `Crash Patient ${id}`,
    memberId: `${MARKER}${id}`,
    urgency: n % 3 === 0 ? "expedited" : "standard",
    clinicalNotes: `Crash-safety submission ${id} — näive ✓ ${"x".repeat(n % 200)}`,
  };
}

type Outcome =
  | { kind: "acknowledged"; reference: string; replayed: boolean }
  | { kind: "refused" }
  | { kind: "ambiguous" }
  | { kind: "rejected"; status: number };

async function post(base: string, cookie: string, body: Submission, key: string): Promise<Outcome> {
  try {
    const response = await fetch(`${base}/api/requests`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "idempotency-key": key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 201) return { kind: "rejected", status: response.status };
    const { reference } = (await response.json()) as { reference: string };
    return {
      kind: "acknowledged",
      reference,
      replayed: response.headers.get("idempotent-replayed") === "true",
    };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED" ? { kind: "refused" } : { kind: "ambiguous" };
  }
}

async function runClients(base: string, cookie: string): Promise<ClientTally> {
  const tally: ClientTally = { acks: [], refused: 0, ambiguous: 0, replayed: 0, rejected: {} };
  const run = randomUUID();
  let next = 0;
  const client = async () => {
    for (let n = next++; n < TOTAL; n = next++) {
      const body = submission(n);
      const key = `crash-${run}-${n}`;
      let outcome = await post(base, cookie, body, key);
      // Refused: nothing was sent. Ambiguous: it may be stored; the key makes a resend safe.
      while (outcome.kind === "refused" || outcome.kind === "ambiguous") {
        tally[outcome.kind]++;
        await sleep(100);
        outcome = await post(base, cookie, body, key);
      }
      if (outcome.kind === "acknowledged") {
        tally.acks.push({ reference: outcome.reference, hash: fieldsHash(body) });
        if (outcome.replayed) tally.replayed++;
      } else tally.rejected[outcome.status] = (tally.rejected[outcome.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return tally;
}

// ---------------------------------------------------------------------------------- reviewer

const ACTIONS: DecisionAction[] = ["approve", "deny", "request-information"];
/** The audit rows a decision writes, one per action. */
const DECISION_AUDITS = ["request.approved", "request.denied", "request.information-requested"];

/**
 * The reviewer: decides a random pending request every 50 ms through the repository, in its
 * own process, so it can be killed mid-transaction like the server.
 */
async function reviewerLoop(databaseUrl: string): Promise<never> {
  const db = openDatabase(databaseUrl);
  for (;;) {
    try {
      const pending = await db.kysely
        .selectFrom("requests")
        .select(["reference", "version"])
        .where("status", "=", "pending")
        .where("member_id", "like", `${MARKER}%`)
        .orderBy(sql`random()`)
        .limit(1)
        .executeTakeFirst();
      if (pending)
        await decideRequest(db, {
          reference: pending.reference,
          expectedVersion: Number(pending.version),
          action: ACTIONS[randomInt(ACTIONS.length)]!,
          rationale: "Decided by the crash-safety benchmark.",
          // A medical director: every decision, a denial too, is theirs to make.
          actor: { id: "crash-bench-director", role: "medical-director", specialty: "transplant" },
          policy: SAMPLE_POLICY,
        });
    } catch (error) {
      console.error(`reviewer: ${(error as Error).message}`);
    }
    await sleep(50);
  }
}

function startReviewer(databaseUrl: string): { kill: () => Promise<void> } {
  const child: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1]!, "--reviewer", databaseUrl],
    { stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  };
  process.on("exit", signal);
  const kill = async () => {
    process.off("exit", signal);
    signal();
    await exited;
  };
  return { kill };
}

// ---------------------------------------------------------------------------------- run

async function runWithKills(port: number, databaseUrl: string) {
  const serverEnv = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET };
  const start = () => startNext(port, { env: serverEnv });
  let server: NextServer = await start();
  const cookie = await signInCookie(
    server.base,
    ACCOUNTS.physician.email,
    ACCOUNTS.physician.password,
  );
  let reviewer = startReviewer(databaseUrl);

  let done = false;
  const clients = runClients(server.base, cookie).finally(() => (done = true));
  const planned = 3 + randomInt(3);
  let kills = 0;
  while (kills < planned && !done) {
    await Promise.race([sleep(1000 + randomInt(3000)), clients]);
    if (done) break;
    await Promise.all([server.kill(), reviewer.kill()]);
    kills++;
    server = await start();
    reviewer = startReviewer(databaseUrl);
  }
  const tally = await clients;
  await reviewer.kill();
  await server.kill();
  return { kills, tally };
}

// ---------------------------------------------------------------------------------- checks

async function verify(databaseUrl: string, acks: Ack[]) {
  const db = openDatabase(databaseUrl);
  try {
    const rows = await db.kysely.selectFrom("requests").selectAll().execute();
    const byReference = new Map(rows.map((r) => [r.reference, r]));
    let found = 0;
    let lost = 0;
    let mismatched = 0;
    for (const ack of acks) {
      const row = byReference.get(ack.reference);
      if (!row) {
        lost++;
        console.error(`LOST: ${ack.reference} was acknowledged but is not stored`);
        continue;
      }
      const stored = fieldsHash(storedRequestOf(row));
      if (stored === ack.hash) found++;
      else {
        mismatched++;
        console.error(`MISMATCH: ${ack.reference} is stored with other fields than were sent`);
      }
    }
    const acknowledged = new Set(acks.map((a) => a.reference));
    const storedNotAcknowledged = rows.filter(
      (r) => r.member_id.startsWith(MARKER) && !acknowledged.has(r.reference),
    ).length;
    // Each body is stored at most once: a resend after a reset carries the same key.
    const marked = rows.filter((r) => r.member_id.startsWith(MARKER));
    const storedTwice = marked.length - new Set(marked.map((r) => r.member_id)).size;

    const audits = await db.kysely
      .selectFrom("audit_events")
      .select(["action", "request_reference"])
      .where("action", "in", ["request.submitted", ...DECISION_AUDITS])
      .execute();
    const decisions = await db.kysely
      .selectFrom("decisions")
      .leftJoin("requests", "requests.id", "decisions.request_id")
      .select(["requests.reference"])
      .execute();
    const submittedAudits = countBy(audits.filter((a) => a.action === "request.submitted"));
    const decidedAudits = countBy(audits.filter((a) => DECISION_AUDITS.includes(a.action)));
    const decisionsOf = countBy(decisions.map((d) => ({ request_reference: d.reference })));

    // Half-written: a request without exactly one submission audit row, an audit row or a
    // decision pointing at no request, a status change without its decision, an audit row
    // without its decision.
    let halfWritten = 0;
    let decisionsWithoutAudit = 0;
    for (const row of rows) {
      const d = decisionsOf.get(row.reference) ?? 0;
      const a = decidedAudits.get(row.reference) ?? 0;
      if ((submittedAudits.get(row.reference) ?? 0) !== 1) halfWritten++;
      if (Number(row.version) - 1 !== d) halfWritten++;
      if (d > a) decisionsWithoutAudit += d - a;
      if (a > d) halfWritten += a - d;
    }
    for (const map of [submittedAudits, decidedAudits, decisionsOf])
      for (const [reference, count] of map) if (!byReference.has(reference)) halfWritten += count;
    if (halfWritten > 0) console.error(`HALF-WRITTEN: ${halfWritten} inconsistent row(s)`);

    let integrity = "n/a";
    if (db.engine === "sqlite") {
      const result = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(
        db.kysely,
      );
      integrity = result.rows.map((r) => r.integrity_check).join("; ");
    }
    return {
      found,
      lost,
      mismatched,
      halfWritten,
      decisions: decisions.length,
      decisionsWithoutAudit,
      storedNotAcknowledged,
      storedTwice,
      integrity,
    };
  } finally {
    await db.close();
  }
}

function countBy(rows: { request_reference: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { request_reference: r } of rows) counts.set(r ?? "", (counts.get(r ?? "") ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------------------------- engines

async function crashTest(engine: string, port: number, databaseUrl: string) {
  await seedUsers(databaseUrl, [ACCOUNTS.physician]);
  const started = Date.now();
  const { kills, tally } = await runWithKills(port, databaseUrl);
  const seconds = (Date.now() - started) / 1000;
  const v = await verify(databaseUrl, tally.acks);
  const rejected = Object.entries(tally.rejected).map(([status, n]) => `${n}×${status}`);
  return {
    engine,
    kills,
    acknowledged: tally.acks.length,
    found: v.found,
    lost: v.lost,
    mismatched: v.mismatched,
    "half-written": v.halfWritten,
    decisions: v.decisions,
    "decisions without audit": v.decisionsWithoutAudit,
    "stored, not acknowledged": v.storedNotAcknowledged,
    "stored twice": v.storedTwice,
    "client errors (refused, resent)": tally.refused,
    "client errors (reset, resent with the same key)": tally.ambiguous,
    "answered by replay": tally.replayed,
    "non-201 answers": rejected.join(", ") || "0",
    integrity_check: v.integrity,
    "wall s": Math.round(seconds),
  };
}

async function freshPostgres(serverUrl: string): Promise<string> {
  return (await freshPostgresDatabase(serverUrl, PG_DATABASE)).url;
}

function failed(row: Awaited<ReturnType<typeof crashTest>>): boolean {
  const integrityBad = row.integrity_check !== "ok" && row.integrity_check !== "n/a";
  return (
    row.lost > 0 ||
    row.mismatched > 0 ||
    row["half-written"] > 0 ||
    row["stored twice"] > 0 ||
    integrityBad
  );
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (process.argv[2] === "--reviewer") await reviewerLoop(process.argv[3]!);

// seedUsers reads the secret through env() on first use; the server gets the same one, so the
// session cookie survives every restart.
process.env.AUTH_SECRET = AUTH_SECRET;
rmSync(SQLITE_DIR, { recursive: true, force: true });
const rows = [await crashTest("SQLite", PORT, `file:${SQLITE_DIR}/app.db`)];
if (process.env.TEST_POSTGRES_URL)
  rows.push(
    await crashTest("PostgreSQL", PORT + 1, await freshPostgres(process.env.TEST_POSTGRES_URL)),
  );
else
  console.log(
    "PostgreSQL skipped: TEST_POSTGRES_URL is unset (source scripts/ensure-postgres.sh).",
  );

for (const row of rows) console.table(row);
console.log(
  `${TOTAL} submissions from ${CLIENTS} clients per engine, server and reviewer SIGKILLed ` +
    `1–4 s after each restart. Databases kept for inspection: ${SQLITE_DIR}/app.db, ${PG_DATABASE}.`,
);
process.exit(rows.some(failed) ? 1 : 0);
