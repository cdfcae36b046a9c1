// The EHR integration's figures, against next start on SQLite and on PostgreSQL in one run:
// PAS Claim/$submit requests/s and p50/p99 at 10 connections next to POST /api/requests (the same
// request through the form's JSON API), alternating rounds; and CDS Hooks order-sign p50/p99,
// at 10 connections and at 1. Every $submit carries a new Bundle.identifier (each one stored,
// none replayed) and every hook call a new signed JWT (its jti is single-use), signed before the
// round so the client's signing is not timed. And $submit carrying a 7 MB PDF as a base64
// DocumentReference (issue 20, item 4: the largest file a 10 MB Bundle holds), stored with the
// request, at 2 connections. Needs a production build.
// Run: npx tsx bench/ehr.ts   (PostgreSQL from TEST_POSTGRES_URL, skipped if absent;
// BENCH_SECONDS overrides 10 s per round, BENCH_PORT the port, 3520; HOOK_CALLS 3,000;
// FILE_SUBMITS 30.)
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";
import { accessToken, signedBy } from "../e2e/ehr-clients";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { hookRequest, SAMPLE_PDF, submitBundle, withDocuments } from "@/test/ehr-samples";
import { request as playwrightRequest } from "@playwright/test";
import { serve } from "./serve";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3520);
const HOOK_CALLS = Number(process.env.HOOK_CALLS ?? 3000);
const FILE_SUBMITS = Number(process.env.FILE_SUBMITS ?? 30);
const BASE = `http://127.0.0.1:${PORT}`;
const HOOK = `${BASE}/cds-services/coverage-order-sign`;

const row = (engine: string, what: string, runs: autocannon.Result[]) => {
  const mean = (pick: (r: autocannon.Result) => number) =>
    Math.round(runs.reduce((t, r) => t + pick(r), 0) / runs.length);
  return {
    engine,
    what,
    "requests/s": mean((r) => r.requests.average),
    "p50 ms": mean((r) => r.latency.p50),
    "p99 ms": mean((r) => r.latency.p99),
    "2xx": runs.reduce((t, r) => t + r["2xx"], 0),
    "non-2xx": runs.reduce((t, r) => t + r.non2xx, 0),
    errors: runs.reduce((t, r) => t + r.errors + r.timeouts, 0),
  };
};

async function measure(engine: string, databaseUrl: string) {
  const stop = await serve(PORT, databaseUrl);
  const api = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const cookie = await signInCookie(BASE, ACCOUNTS.physician.email, ACCOUNTS.physician.password);
    const form = () =>
      autocannon({
        url: `${BASE}/api/requests`,
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ ...SEEDED_REQUESTS[0], memberId: "BENCH-1" }),
        duration: DURATION,
        connections: 10,
      });
    // One Bundle, serialised once; each request gets its own transaction identifier.
    const template = JSON.stringify(
      submitBundle({ appUrl: BASE, memberId: "BENCH-PAS", transactionId: "TX-PLACEHOLDER" }),
    );
    const pas = async () => {
      const token = await accessToken(api, BASE, "memorial");
      return autocannon({
        url: `${BASE}/api/fhir/Claim/$submit`,
        method: "POST",
        headers: { "content-type": "application/fhir+json", authorization: `Bearer ${token}` },
        duration: DURATION,
        connections: 10,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({
              ...request,
              body: template.replaceAll("TX-PLACEHOLDER", randomUUID()),
            }),
          },
        ],
      });
    };
    // A 7 MB PDF: the same Bundle each time but for its transaction identifier (and the Claim's,
    // which carries it), joined around it (not searched and replaced) so the client's work per
    // request stays small.
    const file = new Uint8Array(7 * 1024 * 1024);
    file.set(SAMPLE_PDF);
    const parts = JSON.stringify(
      withDocuments(
        submitBundle({ appUrl: BASE, memberId: "BENCH-PAS-FILE", transactionId: "TX-PLACEHOLDER" }),
        [{ title: "scan.pdf", contentType: "application/pdf", data: file }],
      ),
    ).split("TX-PLACEHOLDER");
    const pasWithFile = async () => {
      const token = await accessToken(api, BASE, "memorial");
      return autocannon({
        url: `${BASE}/api/fhir/Claim/$submit`,
        method: "POST",
        headers: { "content-type": "application/fhir+json", authorization: `Bearer ${token}` },
        connections: 2,
        amount: FILE_SUBMITS,
        timeout: 60,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({
              ...request,
              body: parts.join(randomUUID()),
            }),
          },
        ],
      });
    };
    await autocannon({ url: `${BASE}/api/health`, duration: 2, connections: 10 });
    const runs: Record<string, autocannon.Result[]> = { form: [], pas: [] };
    for (const which of ["form", "pas", "form", "pas"] as const)
      runs[which]!.push(which === "form" ? await form() : await pas());

    const body = JSON.stringify(hookRequest());
    const hooks = async (connections: number, amount: number) => {
      const jwts: string[] = [];
      for (let i = 0; i < amount + 50; i++) jwts.push(await signedBy(BASE, "memorial", HOOK));
      return autocannon({
        url: HOOK,
        method: "POST",
        body,
        connections,
        amount,
        requests: [
          {
            setupRequest: (request: autocannon.Request) => ({
              ...request,
              headers: {
                "content-type": "application/json",
                authorization: `Bearer ${jwts.pop()}`,
              },
            }),
          },
        ],
      });
    };
    await hooks(10, 200);
    return [
      row(engine, "POST /api/requests (form JSON)", runs.form!),
      row(engine, "PAS Claim/$submit", runs.pas!),
      row(engine, `PAS Claim/$submit + a 7 MB PDF, 2 connections`, [await pasWithFile()]),
      row(engine, "CDS Hooks order-sign, 10 connections", [await hooks(10, HOOK_CALLS)]),
      row(engine, "CDS Hooks order-sign, 1 connection", [
        await hooks(1, Math.ceil(HOOK_CALLS / 3)),
      ]),
    ];
  } finally {
    await api.dispose();
    stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-ehr-"));
rows.push(...(await measure("SQLite", `file:${join(dir, "bench.db")}`)));
rmSync(dir, { recursive: true, force: true });

if (process.env.TEST_POSTGRES_URL) {
  const fresh = await freshPostgresDatabase(
    process.env.TEST_POSTGRES_URL,
    `cp0261_bench_ehr_${process.pid}`,
  );
  rows.push(...(await measure("PostgreSQL", fresh.url)));
  await fresh.drop();
} else console.log("PostgreSQL skipped: TEST_POSTGRES_URL is not set.");

console.table(rows);
console.log(
  `Form and $submit: two ${DURATION} s rounds each, alternating, 10 connections, after a 2 s warm-up. $submit with a 7 MB PDF: ${FILE_SUBMITS} requests at 2 connections, each stored. Hooks: ${HOOK_CALLS} calls at 10 connections and ${Math.ceil(HOOK_CALLS / 3)} at 1, after 200 to warm up; one next start per engine.`,
);
process.exit(0);
