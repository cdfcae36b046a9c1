import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair } from "jose";
import { accessToken, EHR_CLIENTS, keysFile, type Keys } from "./ehr-clients";
import { expect, test } from "./fixtures";
import { startInstance, waitFor, type Instance } from "./next-instance";
import { startListener, type Listener, type Notification } from "./rest-hook-listener";
import { bearer, createSubscription, subscriptionBody } from "./subscription-helpers";
import { submitBundle } from "../test/ehr-samples";
import { FUTURE_SERVICE_DATE } from "../test/dates";

// Issue 20, item 3: the server killed (SIGKILL) while the EHR's endpoint holds a notification
// unanswered. After a restart on the same database the event arrives again, with the same event
// number, and none is missing. Its own `next start` on a fresh SQLite file, with the client and
// the reviewer added by the administrator's scripts.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 14;
const DIR = `.e2e-subscription-restart-${PORT}`;
const BASE = `http://127.0.0.1:${PORT}`;
const ENV = {
  DATABASE_URL: `file:${DIR}/app.db`,
  AUTH_SECRET: "subscription-restart-secret-0261-0261",
  APP_URL: BASE,
  LOG_LEVEL: "warn",
};
const PASSWORD = "subscription-restart-pass";
const NPI = EHR_CLIENTS.subscriber.npis[0];
const run = promisify(execFile);

test.describe.configure({ mode: "serial" });

let instance: Instance;
let listener: Listener;
const start = async () => {
  instance = startInstance(PORT, ENV);
  // Liveness only, which touches no database: the outbox's worker starts with the server.
  await waitFor(BASE, "/api/health", 200, 120_000);
};

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const tsx = ["tsx", "--conditions=react-server"];
  const env = { ...process.env, ...ENV, USER_PASSWORD: PASSWORD };
  await run(
    "npx",
    [
      ...tsx,
      "scripts/user-add.ts",
      "--email",
      "nurse@restart.test",
      "--name",
      "Nurse Restart",
    ].concat(["--role", "reviewer"]),
    { env },
  );
  // The subscriber, registered as an administrator would: its NPI and its listener's host.
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair("ES384", { extractable: true });
  writeFileSync(
    `${DIR}/jwks.json`,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES384" }] }),
  );
  const { stdout } = await run(
    "npx",
    [
      ...tsx,
      "scripts/smart-client-add.ts",
      "--name",
      "Restart EHR",
      "--jwks",
      `${DIR}/jwks.json`,
      "--scopes",
      EHR_CLIENTS.subscriber.scopes,
      "--npi",
      NPI,
      "--notify-host",
      "127.0.0.1",
    ],
    { env },
  );
  expect(stdout).toContain("notifies on 127.0.0.1");
  const clientId = /client_id ([0-9a-f-]{36})/.exec(stdout)![1]!;
  const keys: Record<string, Keys> = {
    subscriber: { clientId, kid, alg: "ES384", privateJwk: await exportJWK(privateKey) },
  };
  mkdirSync(".e2e-clients", { recursive: true });
  writeFileSync(keysFile(PORT), JSON.stringify(keys), { mode: 0o600 });
  listener = await startListener();
  await start();
});

test.afterAll(async () => {
  await instance?.stop();
  await listener?.close();
  rmSync(DIR, { recursive: true, force: true });
  rmSync(keysFile(PORT), { force: true });
});

test("killed mid-delivery: after the restart the event arrives again with the same number, none missing", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(300_000);
  const ehr = await playwright.request.newContext({ baseURL: BASE });
  const token = async () => accessToken(ehr, BASE, "subscriber");
  const references: string[] = [];
  for (let i = 0; i < 3; i++) {
    const submitted = await ehr.post("/api/fhir/Claim/$submit", {
      data: submitBundle({
        appUrl: BASE,
        memberId: `RESTART-${i}`,
        npi: NPI,
        serviceDate: FUTURE_SERVICE_DATE,
      }),
      headers: bearer(await token()),
    });
    expect(submitted.status()).toBe(200);
    references.push((await submitted.json()).entry[0].resource.preAuthRef);
  }
  const created = await createSubscription(
    ehr,
    await token(),
    subscriptionBody({ endpoint: listener.url, npi: NPI }),
  );
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await listener.next((n) => n.type === "handshake");
  const events = () =>
    listener.received.filter(
      (n) => n.type === "event-notification" && n.subscription.endsWith(`/${id}`),
    );
  const referenceOf = (n: Notification) =>
    n.bundle.entry[1].resource.entry[0].resource.preAuthRef as string;

  const context = await browser.newContext({ baseURL: BASE });
  const reviewer = await context.newPage();
  await reviewer.goto("/sign-in");
  await reviewer.getByLabel("Email").fill("nurse@restart.test");
  await reviewer.getByLabel("Password").fill(PASSWORD);
  await reviewer.getByRole("button", { name: "Sign in" }).click();
  await expect(reviewer.getByText("Signed in as Nurse Restart")).toBeVisible();
  const approve = async (reference: string) => {
    const approved = await reviewer.request.post(`/api/requests/${reference}/decision`, {
      data: { expectedVersion: 1, action: "approve", rationale: "Meets the policy." },
    });
    expect(approved.status()).toBe(200);
  };

  await approve(references[0]!);
  await expect.poll(() => events().length).toBe(1);
  // The endpoint holds the next one unanswered; the server is killed while it waits.
  listener.hold = true;
  await approve(references[1]!);
  await expect.poll(() => events().length).toBe(2);
  await instance.stop("SIGKILL");
  listener.release();

  await start();
  // Sent again once the dead worker's lease ran out: the same event, the same number.
  await expect.poll(() => events().length, { timeout: 90_000 }).toBe(3);
  await approve(references[2]!);
  await expect.poll(() => events().length, { timeout: 30_000 }).toBe(4);
  expect(events().map((n) => [n.eventNumber, referenceOf(n)])).toEqual([
    [1, references[0]],
    [2, references[1]],
    [2, references[1]],
    [3, references[2]],
  ]);
  await context.close();
  await ehr.dispose();
});
