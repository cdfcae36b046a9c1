import { describe, expect, it } from "vitest";
import { registerClient } from "@/lib/smart/clients";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { testKey } from "@/test/smart-keys";
import { NO_PREFILL_JSON } from "@/lib/cds-hooks/launches";
import { RETENTION, prune } from "./prune";

const PREFILL_WITH_A_CODE = JSON.stringify({
  evidence: {
    hsctType: [{ system: "CPT", code: "38240", title: "Allogeneic HSCT", date: "2026-03-02" }],
  },
  hints: [],
});

const NOW = new Date("2026-11-26T12:00:00.000Z");
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();

describe.each(ENGINES)("pruning on %s", (_engine, open) => {
  const t = testDatabase(open);

  it("deletes, in batches, what no rule reads any more, and keeps every row a rule still reads", async () => {
    const db = t.db.kysely;
    const attempt = (hoursAgo: number, outcome: string, account: string) => ({
      at: at(hoursAgo),
      account_key: account,
      address: "192.0.2.1",
      outcome: outcome as "failure",
    });
    // The throttle reads failures for an hour; the known-address rule reads 30 days of successes.
    await db
      .insertInto("sign_in_attempts")
      .values([
        ...Array.from({ length: 7 }, (_, i) => attempt(2.5 + i, "failure", "gone-failure")),
        attempt(3, "throttled", "gone-throttled"),
        attempt(3, "pending", "gone-pending"),
        attempt(1.5, "failure", "kept-failure"),
        attempt(0.1, "pending", "kept-pending"),
        attempt(31 * 24, "success", "gone-success"),
        attempt(29 * 24, "success", "kept-success"),
      ])
      .execute();
    await db
      .insertInto("idempotency_keys")
      .values([
        { physician_id: "p", key: "old", body_sha256: "x", reference: null, created_at: at(25) },
        { physician_id: "p", key: "new", body_sha256: "x", reference: null, created_at: at(23) },
      ])
      .execute();
    const key = await testKey("ES384");
    const client = await registerClient(t.db, {
      name: "Prune EHR",
      jwks: { keys: [key.publicJwk] },
      scopes: "system/Claim.write",
    });
    if (!client.ok) throw new Error(client.problem);
    const clientId = client.client.id;
    await db
      .insertInto("smart_jtis")
      .values([
        { client_id: clientId, jti: "gone", expires_at: at(0.01) },
        { client_id: clientId, jti: "kept", expires_at: at(-0.01) },
      ])
      .execute();
    await db
      .insertInto("smart_access_tokens")
      .values([
        {
          token_sha256: "gone",
          client_id: clientId,
          scopes: "",
          expires_at: at(0.01),
          created_at: at(1),
        },
        {
          token_sha256: "kept",
          client_id: clientId,
          scopes: "",
          expires_at: at(-0.05),
          created_at: at(0),
        },
      ])
      .execute();
    const launch = (id: string, expiresHoursAgo: number, spentHoursAgo: number | null) => ({
      launch_sha256: id,
      client_id: clientId,
      policy_id: "coverage-policy-0261",
      answers_json: spentHoursAgo === null ? '{"service":"dli"}' : "{}",
      prefill_json: spentHoursAgo === null ? PREFILL_WITH_A_CODE : NO_PREFILL_JSON,
      expires_at: at(expiresHoursAgo),
      created_at: at(expiresHoursAgo + 0.25),
      spent_at: spentHoursAgo === null ? null : at(spentHoursAgo),
    });
    await db
      .insertInto("crd_launches")
      .values([
        launch("spent-25h-ago", 24.9, 25),
        launch("spent-23h-ago", 22.9, 23),
        launch("expired-25h-ago", 25, null),
        launch("expired-1h-ago", 1, null),
        launch("live", -0.2, null),
      ])
      .execute();
    await db
      .insertInto("sign_in_unlocks")
      .values([
        {
          token_sha256: "gone",
          account_key: "a",
          created_by: "script",
          created_at: at(50),
          expires_at: at(26),
          used_at: null,
        },
        {
          token_sha256: "used",
          account_key: "a",
          created_by: "script",
          created_at: at(30),
          expires_at: at(6),
          used_at: at(25),
        },
        {
          token_sha256: "kept",
          account_key: "a",
          created_by: "script",
          created_at: at(2),
          expires_at: at(-22),
          used_at: at(1),
        },
      ])
      .execute();

    await db
      .insertInto("subscriptions")
      .values({
        id: "sub",
        client_id: clientId,
        status: "active",
        org_identifier: "1234567893",
        endpoint: "https://ehr.example/n",
        headers_json: "[]",
        content: "id-only",
        reason: null,
        end_at: null,
        error: null,
        created_at: at(50),
        updated_at: at(50),
      })
      .execute();
    const event = (n: number, deliveredHoursAgo: number | null) => ({
      subscription_id: "sub",
      event_number: n,
      request_reference: "R-1",
      review_action_code: "A1",
      response_json: "{}",
      created_at: at(48),
      next_attempt_at: at(48),
      delivered_at: deliveredHoursAgo === null ? null : at(deliveredHoursAgo),
    });
    // Delivered a day ago: gone; delivered an hour less, or never (however old): kept.
    await db
      .insertInto("subscription_events")
      .values([event(1, 25), event(2, 23), event(3, null)])
      .execute();

    const report = await prune(t.db, NOW, 3);
    expect(report).toEqual({
      "sign_in_attempts (failed)": 9,
      "sign_in_attempts (succeeded)": 1,
      idempotency_keys: 1,
      smart_jtis: 1,
      smart_access_tokens: 1,
      crd_launches: 2,
      sign_in_unlocks: 2,
      "subscription_events (delivered)": 1,
    });
    const accounts = await db.selectFrom("sign_in_attempts").select("account_key").execute();
    expect(accounts.map((r) => r.account_key).sort()).toEqual([
      "kept-failure",
      "kept-pending",
      "kept-success",
    ]);
    expect(await db.selectFrom("idempotency_keys").select("key").execute()).toEqual([
      { key: "new" },
    ]);
    expect(await db.selectFrom("smart_jtis").select("jti").execute()).toEqual([{ jti: "kept" }]);
    expect(await db.selectFrom("smart_access_tokens").select("token_sha256").execute()).toEqual([
      { token_sha256: "kept" },
    ]);
    const launches = await db
      .selectFrom("crd_launches")
      .select(["launch_sha256", "answers_json", "prefill_json"])
      .orderBy("launch_sha256")
      .execute();
    // Spent and expired launches stay a day, without their answers or the codes behind them, so
    // the page can say which.
    expect(launches).toEqual([
      { launch_sha256: "expired-1h-ago", answers_json: "{}", prefill_json: NO_PREFILL_JSON },
      {
        launch_sha256: "live",
        answers_json: '{"service":"dli"}',
        prefill_json: PREFILL_WITH_A_CODE,
      },
      { launch_sha256: "spent-23h-ago", answers_json: "{}", prefill_json: NO_PREFILL_JSON },
    ]);
    expect(await db.selectFrom("sign_in_unlocks").select("token_sha256").execute()).toEqual([
      { token_sha256: "kept" },
    ]);
    expect(
      (
        await db
          .selectFrom("subscription_events")
          .select("event_number")
          .orderBy("event_number")
          .execute()
      ).map((r) => Number(r.event_number)),
    ).toEqual([2, 3]);
    // Nothing more to do the second time.
    expect(Object.values(await prune(t.db, NOW)).every((n) => n === 0)).toBe(true);
  });

  it("states retentions no shorter than what the rules read", () => {
    expect(RETENTION.signInFailures).toBe(2 * HOUR);
    expect(RETENTION.signInSuccesses).toBe(30 * 24 * HOUR);
    expect(RETENTION.idempotencyKeys).toBe(24 * HOUR);
  });
});
