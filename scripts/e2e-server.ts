// The server the Playwright suite runs against: a fresh database with the test accounts, then
// next start. DATABASE_URL picks the engine (a fresh SQLite file by default).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { ACCOUNTS, STORED_REQUESTS, SEEDED_REQUESTS, seededReference } from "../e2e/accounts";
import { seedEhrClients } from "./seed-ehr-clients";
import { freshPostgresDatabase } from "../test/postgres-database";
import { METRICS_CASES, THIS_WEEK_CASE } from "../e2e/metrics-seed";
import { playCase } from "../test/metrics-cases";
import { insertStoredRequest } from "../test/stored-requests";
import { createAuth } from "@/lib/auth/auth";
import { migrate, openDatabase } from "@/lib/db/database";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { submitRequest } from "@/lib/requests/repository";
import { seedUsers } from "./seed-users";

const port = process.env.PORT ?? "3100";
const postgresServer = process.env.E2E_POSTGRES_SERVER;
if (postgresServer && !process.env.DATABASE_URL) {
  // A fresh database on that server for each run (the previous run's is dropped first).
  const fresh = await freshPostgresDatabase(postgresServer, `cp0261_e2e_${port}`);
  process.env.DATABASE_URL = fresh.url;
} else if (!process.env.DATABASE_URL) {
  rmSync(".e2e", { recursive: true, force: true });
  process.env.DATABASE_URL = "file:.e2e/app.db";
}
process.env.AUTH_SECRET ??= "e2e-only-secret-e2e-only-secret-0261";
// The plan's list of codes that need prior authorization (CRD cards), as in demo mode.
process.env.PRIOR_AUTH_CODES ??= "38242,38243";
// The test-only fixture policy is listed, so the suite drives a second package through the pages.
process.env.FIXTURE_POLICIES ??= "1";
// The origin the tests open, so Origin checks, return paths, cookies and the FHIR canonical URLs
// see the app as deployed.
process.env.APP_URL ??= `http://127.0.0.1:${port}`;
// The tests play the one proxy in front: the hostile-input sweep gives each failed sign-in its
// own X-Forwarded-For address, so it does not throttle the other tests' sign-ins.
process.env.TRUST_PROXY_HOPS ??= "1";
// The server's JSON log, read by e2e/logs.spec.ts; a fresh file for each run.
process.env.LOG_FILE ??= `.e2e-logs/server-${port}.log`;
rmSync(process.env.LOG_FILE, { force: true });
await seedUsers(process.env.DATABASE_URL, Object.values(ACCOUNTS));

// Requests the access-control and conflict tests open directly, owned by the first physician.
const policies = createRegistry(PRODUCT_POLICIES);
const db = openDatabase(process.env.DATABASE_URL);
await migrate(db);
const physician = await (
  await createAuth(db).$context
).internalAdapter.findUserByEmail(ACCOUNTS.physician.email);
// References are random; these two get fixed ones, so the tests can open them by name.
for (const [i, request] of SEEDED_REQUESTS.entries()) {
  const stored = await submitRequest(
    db,
    physician!.user.id,
    request,
    policies.getPolicy(policies.defaultId)!,
    undefined,
    { newReference: () => seededReference(i + 1) },
  );
  if (!stored.ok) throw new Error(`A seeded request is ${stored.reason}`);
}
for (const request of STORED_REQUESTS)
  await insertStoredRequest(db, { ...request, physicianId: physician!.user.id });
// The systems the EHR-integration specs act as; their keys go to .e2e-clients/<port>.json.
await seedEhrClients(db, port);
// The metrics pages' requests: a past year's, and one decided this week by Reviewer One. They
// belong to no account, so no physician's own list changes.
const [reviewer, director, otherDirector] = await Promise.all(
  [ACCOUNTS.reviewer, ACCOUNTS.director, ACCOUNTS.otherDirector].map(async ({ email }) => {
    const found = await (await createAuth(db).$context).internalAdapter.findUserByEmail(email);
    return found!.user.id;
  }),
);
for (const c of [...METRICS_CASES, THIS_WEEK_CASE(new Date())])
  await playCase(db, c, {
    physicianId: "e2e-metrics-seed",
    reviewer: { id: reviewer!, role: "reviewer" },
    director: { id: director!, role: "medical-director", specialty: ACCOUNTS.director.specialty },
    appealDirector: {
      id: otherDirector!,
      role: "medical-director",
      specialty: ACCOUNTS.otherDirector.specialty,
    },
    memberId: "METRICS-SEED",
  });
await db.close();

// An idle connection is kept 65 s, not Node's 5 s: a client that reuses one just as the server
// drops it gets ECONNRESET (the hostile-input spec's role contexts sit idle that long on a busy
// machine). 65 s outlasts the idle timeouts of common clients and load balancers (60 s).
const server = spawn(
  "npx",
  ["next", "start", "-p", port, "-H", "127.0.0.1", "--keepAliveTimeout", "65000"],
  { stdio: "inherit", env: process.env },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
