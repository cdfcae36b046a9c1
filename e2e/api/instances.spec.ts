import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { hiddenActionFields, signInCookie } from "../action-form";
import { startInstance, waitFor, type Instance } from "../next-instance";

// Two app instances on one PostgreSQL database, as behind a load balancer. Their ports come from
// E2E_PORT, so a second checkout running its own suite does not collide with this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PORTS = [PORT + 10, PORT + 11];
const SERVER = process.env.TEST_POSTGRES_URL;
const DATABASE = `cp0261_instances_${PORT}`;
const USER = { email: "two.instances@e2e.test", password: "two-instances-pass" };

test.describe.configure({ mode: "serial" });
test.skip(!SERVER, "needs PostgreSQL: TEST_POSTGRES_URL (npm test starts one)");

const admin = async <T>(work: (client: pg.Client) => Promise<T>, database?: string) => {
  const url = new URL(SERVER!);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};
const databaseUrl = () => {
  const url = new URL(SERVER!);
  url.pathname = `/${DATABASE}`;
  return url.toString();
};

let instances: Instance[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
  const env = {
    DATABASE_URL: databaseUrl(),
    AUTH_SECRET: "instances-only-secret-instances-0261",
    // The test plays the load balancer: it says which client each attempt comes from.
    TRUST_PROXY_HOPS: "1",
    LOG_LEVEL: "warn",
  };
  // Both at the same moment, before their database exists.
  instances = PORTS.map((port) => startInstance(port, env));
  await Promise.all(instances.map((i) => waitFor(i.base, "/api/health", 200)));
});

test.afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
});

test("instances started together come up healthy on a new, empty database, without a restart", async () => {
  test.setTimeout(120_000);
  // No database yet: alive, but not ready.
  for (const { base } of instances) {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ok: false });
  }

  await admin((c) => c.query(`CREATE DATABASE ${DATABASE}`));
  // Both migrate the empty database at once, several requests each.
  const answers = await Promise.all(
    [...instances, ...instances, ...instances].map(({ base }) => fetch(`${base}/api/health/ready`)),
  );
  expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
  const migrations = await admin(
    (c) => c.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name"),
    DATABASE,
  );
  expect(new Set(migrations.rows.map((r) => r.name)).size).toBe(migrations.rows.length);
  expect(migrations.rows.length).toBeGreaterThanOrEqual(4);

  // The administrator adds the account the next tests sign in with.
  await promisify(execFile)(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "scripts/user-add.ts",
      "--email",
      USER.email,
      "--name",
      "Dr. Both",
      "--role",
      "physician",
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl(), USER_PASSWORD: USER.password } },
  );
});

test("a session signed out on one instance is refused on the other", async () => {
  const [a, b] = instances as [Instance, Instance];
  const cookie = await signInCookie(a.base, USER.email, USER.password);
  const page = (base: string) =>
    fetch(`${base}/requests`, { headers: { cookie }, redirect: "manual" });
  expect((await page(b.base)).status).toBe(200);

  // Sign out on A, with the header's sign-out form.
  const html = await (await page(a.base)).text();
  const signOut = hiddenActionFields(html).filter(([name]) => name.startsWith("$ACTION_ID_"));
  expect(signOut).toHaveLength(1);
  const form = new FormData();
  for (const [name, value] of signOut) form.append(name, value);
  const out = await fetch(`${a.base}/requests`, {
    method: "POST",
    body: form,
    headers: { cookie, Origin: a.base },
    redirect: "manual",
  });
  expect(out.status).toBeLessThan(400);

  const refused = await page(b.base);
  expect(refused.status).toBe(307);
  expect(refused.headers.get("location")).toMatch(/^\/sign-in\?next=/);
});

test("the sign-in throttle counts the attempts sent to both instances", async () => {
  test.setTimeout(90_000);
  const fields = new Map<string, [string, string][]>();
  for (const { base } of instances)
    fields.set(base, hiddenActionFields(await (await fetch(`${base}/sign-in`)).text()));
  /** One attempt through the sign-in form; true when it opened a session. */
  const attempt = async (base: string, password: string, address: string) => {
    const form = new FormData();
    for (const [name, value] of fields.get(base)!) form.append(name, value);
    form.append("email", USER.email);
    form.append("password", password);
    const response = await fetch(`${base}/sign-in`, {
      method: "POST",
      body: form,
      headers: { Origin: base, "X-Forwarded-For": address },
      redirect: "manual",
    });
    expect(response.status).toBeLessThan(500);
    return response.headers.getSetCookie().some((c) => c.includes("session_token"));
  };
  const subject = createHash("sha256").update(USER.email).digest("hex");
  const checked = async () =>
    admin(async (c) => {
      const { rows } = await c.query<{ detail_json: string }>(
        "SELECT detail_json FROM audit_events WHERE action = 'auth.sign-in.failure' AND subject = $1",
        [subject],
      );
      return rows.filter((r) => JSON.parse(r.detail_json).throttled === false).length;
    }, DATABASE);
  const before = await checked();

  // 30 wrong passwords at once from one address, half to each instance.
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      attempt(instances[i % 2]!.base, `wrong password ${i}`, "203.0.113.50"),
    ),
  );
  expect(results.some(Boolean)).toBe(false);
  expect((await checked()) - before).toBe(5);

  // That address now waits, on either instance, even with the right password…
  for (const { base } of instances)
    expect(await attempt(base, USER.password, "203.0.113.50")).toBe(false);
  // …while the user, from their own address, signs in on either.
  for (const { base } of instances)
    expect(await attempt(base, USER.password, "192.0.2.60")).toBe(true);
});
