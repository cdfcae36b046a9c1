// Sign-in latency, a checked attempt against a throttled one: the two should take as long, so
// the answer's timing does not tell an attacker the account is being throttled. Each attempt is
// the sign-in form posted over HTTP, one at a time, alternating the two kinds, against next
// start on SQLite and on PostgreSQL (TEST_POSTGRES_URL; skipped if unset).
//   checked:   a wrong password for a real account from an address never seen before, spread
//              over enough accounts that none reaches its free failures;
//   throttled: a wrong password for one account from one address past its limit.
// Needs a production build. Run: npx tsx --conditions=react-server bench/sign-in.ts
// (SIGNIN_SAMPLES overrides 300 per kind; BENCH_PORT the port, 3210.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hiddenActionFields } from "../e2e/action-form";
import { THROTTLE } from "@/lib/auth/throttle-policy";
import { seedUsers, type SeedUser } from "../scripts/seed-users";
import { startNext } from "./next-server";
import { freshPostgresDatabase } from "@/test/postgres-database";

const SAMPLES = Number(process.env.SIGNIN_SAMPLES ?? 300);
const WARM_UP = 20;
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const PER_ACCOUNT = THROTTLE.account.freeFailures - 1;

const accounts: SeedUser[] = Array.from(
  { length: Math.ceil((SAMPLES + WARM_UP) / PER_ACCOUNT) + 1 },
  (_, i) => ({
    email: `bench${i}@signin.test`,
    name: `Bench ${i}`,
    role: "physician",
    password: `bench-password-${i}-0261`,
  }),
);
const target = accounts.at(-1)!;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(engine: string, databaseUrl: string) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "sign-in-bench-only-secret-0261-0261",
    TRUST_PROXY_HOPS: "1",
    LOG_LEVEL: "warn",
  };
  Object.assign(process.env, env);
  await seedUsers(databaseUrl, accounts);
  const server = await startNext(PORT, { env });
  try {
    const fields = hiddenActionFields(await (await fetch(`${server.base}/sign-in`)).text());
    const attempt = async (email: string, password: string, address: string) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      form.append("email", email);
      form.append("password", password);
      const started = performance.now();
      const response = await fetch(`${server.base}/sign-in`, {
        method: "POST",
        body: form,
        headers: { Origin: server.base, "X-Forwarded-For": address },
        redirect: "manual",
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
      return performance.now() - started;
    };
    // The throttled pair: its limit spent first.
    for (let i = 0; i < THROTTLE.pair.maxFailures; i++)
      await attempt(target.email, `wrong ${i}`, "198.51.100.1");

    const times = { checked: [] as number[], throttled: [] as number[] };
    for (let i = 0; i < SAMPLES + WARM_UP; i++) {
      const account = accounts[Math.floor(i / PER_ACCOUNT)]!;
      const address = `10.${Math.floor(i / 250)}.${i % 250}.7`;
      const checked = await attempt(account.email, `wrong ${i}`, address);
      const throttled = await attempt(target.email, `wrong again ${i}`, "198.51.100.1");
      if (i < WARM_UP) continue;
      times.checked.push(checked);
      times.throttled.push(throttled);
    }
    return Object.entries(times).map(([kind, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        engine,
        attempt: kind,
        n: values.length,
        "p50 ms": Number(percentile(sorted, 50).toFixed(1)),
        "p99 ms": Number(percentile(sorted, 99).toFixed(1)),
        "mean ms": Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(1)),
      };
    });
  } finally {
    await server.kill();
  }
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "cp0261-signin-"));
rows.push(...(await measure("SQLite", `file:${join(dir, "bench.db")}`)));
rmSync(dir, { recursive: true, force: true });

const serverUrl = process.env.TEST_POSTGRES_URL;
if (serverUrl) {
  const name = `cp0261_bench_signin_${process.pid}`;
  const fresh = await freshPostgresDatabase(serverUrl, name);
  try {
    rows.push(...(await measure("PostgreSQL", fresh.url)));
  } finally {
    await fresh.drop();
  }
} else console.log("PostgreSQL skipped: TEST_POSTGRES_URL is unset.");

console.table(rows);
console.log(
  `${SAMPLES} attempts of each kind after ${WARM_UP} warm-up, one at a time, alternating; ` +
    "argon2id m=19 MiB t=2 p=1; the sign-in form posted without JavaScript.",
);
process.exit(0);
