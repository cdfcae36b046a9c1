// Issue 20, item 10: how long a PAS Subscription's notification takes, from the reviewer's
// decision to the EHR's rest-hook listener, on SQLite and on PostgreSQL. Against next start (the
// e2e server's seeded database, its Subscriber EHR); a loopback listener in this process; one
// full-resource subscription; DECISIONS requests submitted over PAS first, then approved one at a
// time. Timed from the moment the decision's POST is sent to the moment the listener has read the
// notification (an upper bound: it includes the decision's own request); the decision's round
// trip is printed beside it. Needs a production build.
// Run: npm run bench:notifications   (PostgreSQL from TEST_POSTGRES_URL, skipped if absent;
// BENCH_PORT the port, 3530; DECISIONS 200.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS } from "../e2e/accounts";
import { accessToken, EHR_CLIENTS } from "../e2e/ehr-clients";
import { startListener, type Notification } from "../e2e/rest-hook-listener";
import { bearer, subscriptionBody } from "../e2e/subscription-helpers";
import { freshPostgresDatabase } from "@/test/postgres-database";
import { submitBundle } from "@/test/ehr-samples";
import { FUTURE_SERVICE_DATE } from "@/test/dates";
import { serve } from "./serve";

const PORT = Number(process.env.BENCH_PORT ?? 3530);
const DECISIONS = Number(process.env.DECISIONS ?? 200);
const BASE = `http://127.0.0.1:${PORT}`;
const NPI = EHR_CLIENTS.subscriber.npis[0];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const referenceOf = (n: Notification) =>
  n.bundle.entry[1]?.resource?.entry?.[0]?.resource?.preAuthRef as string | undefined;

async function measure(engine: string, databaseUrl: string) {
  const stop = await serve(PORT, databaseUrl);
  const api = await playwrightRequest.newContext({ baseURL: BASE });
  const listener = await startListener();
  try {
    const token = await accessToken(api, BASE, "subscriber");
    const references: string[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const submitted = await api.post("/api/fhir/Claim/$submit", {
        data: submitBundle({
          appUrl: BASE,
          memberId: `BENCH-N-${i}`,
          npi: NPI,
          serviceDate: FUTURE_SERVICE_DATE,
        }),
        headers: bearer(token),
      });
      if (submitted.status() !== 200) throw new Error(`$submit: ${submitted.status()}`);
      references.push((await submitted.json()).entry[0].resource.preAuthRef);
    }
    const created = await api.post("/api/fhir/Subscription", {
      data: subscriptionBody({ endpoint: listener.url, npi: NPI }),
      headers: bearer(token),
    });
    if (created.status() !== 201 || (await created.json()).status !== "active")
      throw new Error(`Subscription: ${created.status()}`);
    const cookie = await signInCookie(BASE, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
    const latencies: number[] = [];
    const roundTrips: number[] = [];
    for (const reference of references) {
      const arrived = listener.next((n) => referenceOf(n) === reference, 30_000);
      const sent = performance.now();
      const response = await fetch(`${BASE}/api/requests/${reference}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: BASE },
        body: JSON.stringify({
          expectedVersion: 1,
          action: "approve",
          rationale: "Meets the policy.",
        }),
      });
      roundTrips.push(performance.now() - sent);
      if (response.status !== 200) throw new Error(`decision: ${response.status}`);
      latencies.push((await arrived).receivedAt - sent);
    }
    const events = listener.received.filter((n) => n.type === "event-notification");
    const numbers = events.map((n) => n.eventNumber);
    const sorted = [...latencies].sort((a, b) => a - b);
    const trips = [...roundTrips].sort((a, b) => a - b);
    return {
      engine,
      decisions: DECISIONS,
      "notified p50 ms": Math.round(percentile(sorted, 50)),
      "notified p99 ms": Math.round(percentile(sorted, 99)),
      "notified max ms": Math.round(sorted.at(-1)!),
      "decision round trip p50 ms": Math.round(percentile(trips, 50)),
      "events received": events.length,
      "numbered 1…n, none missing": numbers.every((n, i) => n === i + 1),
    };
  } finally {
    await listener.close();
    await api.dispose();
    stop();
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-notify-"));
rows.push(await measure("SQLite", `file:${join(dir, "bench.db")}`));
rmSync(dir, { recursive: true, force: true });
if (process.env.TEST_POSTGRES_URL) {
  const fresh = await freshPostgresDatabase(
    process.env.TEST_POSTGRES_URL,
    `cp0261_bench_notify_${process.pid}`,
  );
  rows.push(await measure("PostgreSQL", fresh.url));
  await fresh.drop();
} else console.log("PostgreSQL skipped: TEST_POSTGRES_URL is not set.");
console.table(rows);
process.exit(0);
