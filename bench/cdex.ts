// CDex $submit-attachment of a 10 MB PDF (13.4 MB in base64: more than proxy.ts could be handed,
// so the route reads its own body), against next start on SQLite and on PostgreSQL in one run.
// One PAS request is submitted and pended for a pathology study; each submission answers its
// TrackingId with Final false (stored, the request still waits), under another file name so none
// is a byte-identical retry; every file is checked by its first bytes and stored. p50/p99 at 2
// connections. Needs a production build.
// Run: npm run bench:cdex   (PostgreSQL from TEST_POSTGRES_URL, skipped if absent; BENCH_PORT
// the port, 3530; ATTACHMENTS 20 submissions per engine.)
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS } from "../e2e/accounts";
import { accessToken } from "../e2e/ehr-clients";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import {
  DLI_AML_RELAPSE,
  inquireBundle,
  SAMPLE_PDF,
  submitAttachmentParameters,
  submitBundle,
} from "@/test/ehr-samples";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { serve } from "./serve";

const PORT = Number(process.env.BENCH_PORT ?? 3530);
const ATTACHMENTS = Number(process.env.ATTACHMENTS ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;
const MEMBER = "BENCH-CDEX";
const FHIR_JSON = "application/fhir+json";
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A PAS request of the clinic's, pended for a pathology study: its attachment control number. */
async function pendedTrackingId(api: Awaited<ReturnType<typeof playwrightRequest.newContext>>) {
  const token = await accessToken(api, BASE, "clinic");
  const headers = { "content-type": FHIR_JSON, authorization: `Bearer ${token}` };
  const submitted = await api.post("/api/fhir/Claim/$submit", {
    headers,
    data: submitBundle({ appUrl: BASE, memberId: MEMBER }),
  });
  if (submitted.status() !== 200) throw new Error(await submitted.text());
  const reference = (await submitted.json()).entry[0].resource.preAuthRef as string;
  const cookie = await signInCookie(BASE, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
  const [criterion] = reachedCriteria(evaluate(coveragePolicy0261.versions[0]!, DLI_AML_RELAPSE));
  const pended = await api.post(`/api/requests/${reference}/decision`, {
    headers: { cookie },
    data: {
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the pathology study.",
      criteria: [criterion],
      documents: ["11526-1"],
    },
  });
  if (pended.status() !== 200) throw new Error(await pended.text());
  const inquired = await api.post("/api/fhir/Claim/$inquire", {
    headers,
    data: inquireBundle({ appUrl: BASE, memberId: MEMBER }),
  });
  const response = (await inquired.json()).entry[0].resource as Json;
  return { token, trackingId: response.contained[0].identifier[0].value as string };
}

async function measure(engine: string, databaseUrl: string) {
  const stop = await serve(PORT, databaseUrl);
  const api = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const { token, trackingId } = await pendedTrackingId(api);
    const file = new Uint8Array(10 * 1024 * 1024);
    file.set(SAMPLE_PDF);
    // Serialised once and joined around the file name, so the client's work per request is small.
    const parts = JSON.stringify(
      submitAttachmentParameters({
        trackingId,
        memberId: MEMBER,
        final: false,
        documents: [{ title: "NAME-PLACEHOLDER.pdf", contentType: "application/pdf", data: file }],
      }),
    ).split("NAME-PLACEHOLDER");
    let n = 0;
    const result = await autocannon({
      url: `${BASE}/api/fhir/$submit-attachment`,
      method: "POST",
      headers: { "content-type": FHIR_JSON, authorization: `Bearer ${token}` },
      connections: 2,
      amount: ATTACHMENTS,
      timeout: 60,
      requests: [
        {
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            body: parts.join(`scan-${++n}`),
          }),
        },
      ],
    });
    return {
      engine,
      what: "CDex $submit-attachment, a 10 MB PDF, 2 connections",
      "body MB": Number((parts.join("scan-1").length / 1024 / 1024).toFixed(1)),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      "2xx": result["2xx"],
      "non-2xx": result.non2xx,
      errors: result.errors + result.timeouts,
    };
  } finally {
    await api.dispose();
    stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-cdex-"));
rows.push(await measure("SQLite", `file:${join(dir, "bench.db")}`));
rmSync(dir, { recursive: true, force: true });

if (process.env.TEST_POSTGRES_URL) {
  const fresh = await freshPostgresDatabase(
    process.env.TEST_POSTGRES_URL,
    `cp0261_bench_cdex_${process.pid}`,
  );
  rows.push(await measure("PostgreSQL", fresh.url));
  await fresh.drop();
} else console.log("PostgreSQL skipped: TEST_POSTGRES_URL is not set.");

console.table(rows);
console.log(
  `${ATTACHMENTS} submissions per engine at 2 connections, each stored (Final false, a new file name each); one next start per engine.`,
);
process.exit(0);
