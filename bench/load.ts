// Load: autocannon against the home page, the evaluation API, submissions (a signed-in
// physician) and the reviewer queue (a signed-in reviewer), one after the other, on next start
// over a fresh SQLite database. Prints one table: requests/s, p50/p99 latency, errors.
// Needs a production build. Run: npx tsx --conditions=react-server bench/load.ts
// (LOAD_SECONDS, LOAD_CONNECTIONS override 10 s and 10.)
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signInCookie } from "../e2e/action-form";
import { ACCOUNTS, SEEDED_REQUESTS } from "../e2e/accounts";
import { seedUsers } from "../scripts/seed-users";
import { startNext } from "./next-server";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const PORT = 3206;

const dir = mkdtempSync(join(tmpdir(), "cp0261-load-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${join(dir, "load.db")}`,
  AUTH_SECRET: "load-bench-only-secret-load-bench-0261",
};
Object.assign(process.env, env);
await seedUsers(env.DATABASE_URL, [ACCOUNTS.physician, ACCOUNTS.reviewer]);
const server = await startNext(PORT, { env });

const physician = await signInCookie(
  server.base,
  ACCOUNTS.physician.email,
  ACCOUNTS.physician.password,
);
const reviewer = await signInCookie(
  server.base,
  ACCOUNTS.reviewer.email,
  ACCOUNTS.reviewer.password,
);
const json = { "content-type": "application/json" };

const TARGETS: [name: string, options: autocannon.Options][] = [
  ["GET / (the wizard)", { url: `${server.base}/` }],
  [
    "POST /api/evaluate",
    {
      url: `${server.base}/api/evaluate`,
      method: "POST",
      headers: json,
      body: JSON.stringify(SEEDED_REQUESTS[0]!.answers),
    },
  ],
  [
    "POST /api/requests (submission)",
    {
      url: `${server.base}/api/requests`,
      method: "POST",
      headers: { ...json, cookie: physician },
      body: JSON.stringify({ ...SEEDED_REQUESTS[0], memberId: "LOAD-1" }),
    },
  ],
  // After the submissions above, the queue holds every request they stored.
  ["GET /review (reviewer queue)", { url: `${server.base}/review`, headers: { cookie: reviewer } }],
];

const rows = [];
try {
  for (const [name, options] of TARGETS) {
    await autocannon({ ...options, duration: 2, connections: CONNECTIONS }); // warm-up
    const r = await autocannon({ ...options, duration: SECONDS, connections: CONNECTIONS });
    rows.push({
      route: name,
      "req/s": Math.round(r.requests.average),
      "p50 ms": r.latency.p50,
      "p99 ms": r.latency.p99,
      "2xx": r["2xx"],
      "non-2xx": r.non2xx,
      errors: r.errors + r.timeouts,
    });
  }
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
console.log(
  `${SECONDS} s per route after a 2 s warm-up, ${CONNECTIONS} connections, one next start on SQLite.`,
);
process.exit(0);
