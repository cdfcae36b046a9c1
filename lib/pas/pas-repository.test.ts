import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeLaunch, createLaunch, NO_ANSWERS, NO_PREFILL_JSON } from "@/lib/cds-hooks/launches";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { auditTrail } from "@/lib/audit/audit-log";
import { registerClient } from "@/lib/smart/clients";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { testKey } from "@/test/smart-keys";
import { inquiryMatches, pasOrigins, submitOverPas } from "./repository";
import { pasRequestBundle } from "./request-bundle";
import { mapSubmitBundle } from "./submit-bundle";
import { countRequests } from "@/test/request-count";

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

describe.each(ENGINES)("PAS submissions and CRD launches on %s", (_engine, open) => {
  let t: TestDatabase;
  let ehr: TokenHolder;
  let other: TokenHolder;
  beforeAll(async () => {
    t = await open();
    const key = await testKey("ES384");
    const holders: TokenHolder[] = [];
    for (const name of ["Memorial EHR", "Other EHR"]) {
      const r = await registerClient(t.db, {
        name,
        jwks: { keys: [key.publicJwk] },
        scopes: "system/Claim.write system/ClaimResponse.read",
      });
      if (!r.ok) throw new Error(r.problem);
      holders.push({ clientId: r.client.id, clientName: name, scopes: r.client.scopes });
    }
    [ehr, other] = holders as [TokenHolder, TokenHolder];
  });
  afterAll(async () => {
    await t.drop();
  });

  let n = 0;
  const parts = (memberId: string, transactionId: string) => {
    const mapped = mapSubmitBundle(
      pasRequestBundle(SAMPLE_POLICY, BASE, {
        ...SAMPLE_SUBMISSION,
        memberId,
        cpt: "38242",
        transactionId,
        claimId: `claim-${transactionId}`,
        uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
      }),
      registry,
      BASE,
    );
    if (!mapped.ok) throw new Error("the sample bundle does not map");
    return mapped.value.parts;
  };
  const submission = (memberId: string) => ({ ...SAMPLE_SUBMISSION, memberId });
  const stored = (memberId: string) => countRequests(t.db, memberId);

  it("stores one request for the same Bundle sent three times at once (its identifier is the key)", async () => {
    const p = parts("PAS-RACE", "T-race");
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        submitOverPas(t.db, ehr, submission("PAS-RACE"), SAMPLE_POLICY, p),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r as { reference: string }).reference)).size).toBe(1);
    expect(await stored("PAS-RACE")).toBe(1);
    const reference = (results[0] as { reference: string }).reference;
    expect((await pasOrigins(t.db, [reference])).get(reference)).toBe("Memorial EHR");
  });

  it("never approves a PAS submission by rule: it asks for none, even for an attested, medically necessary case", async () => {
    const result = await submitOverPas(
      t.db,
      ehr,
      { ...submission("PAS-RULE"), attestation: true },
      SAMPLE_POLICY,
      parts("PAS-RULE", "T-rule"),
    );
    expect(result).toMatchObject({ ok: true, status: "pending" });
  });

  it("keeps each client's transaction identifiers apart, and refuses one reused for another request", async () => {
    const first = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-A"),
      SAMPLE_POLICY,
      parts("PAS-A", "T-shared"),
    );
    const theirs = await submitOverPas(
      t.db,
      other,
      submission("PAS-A"),
      SAMPLE_POLICY,
      parts("PAS-A", "T-shared"),
    );
    expect(first.ok && theirs.ok && first.reference !== theirs.reference).toBe(true);
    const reused = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-B"),
      SAMPLE_POLICY,
      parts("PAS-B", "T-shared"),
    );
    expect(reused).toMatchObject({ ok: false, reason: "key-reused" });
    expect(await stored("PAS-B")).toBe(0);
  });

  it("refuses the same Bundle.identifier with another Claim.identifier instead of replaying it", async () => {
    const p = parts("PAS-CLAIM", "T-claim");
    const first = await submitOverPas(t.db, ehr, submission("PAS-CLAIM"), SAMPLE_POLICY, p);
    expect(first).toMatchObject({ ok: true, replayed: false });
    const retry = await submitOverPas(t.db, ehr, submission("PAS-CLAIM"), SAMPLE_POLICY, p);
    expect(retry).toMatchObject({ ok: true, replayed: true });
    const otherClaim = { ...p, claimIdentifier: "claim-someone-else" };
    expect(
      await submitOverPas(t.db, ehr, submission("PAS-CLAIM"), SAMPLE_POLICY, otherClaim),
    ).toMatchObject({ ok: false, reason: "key-reused" });
    expect(await stored("PAS-CLAIM")).toBe(1);
  });

  it("names the client in the submission's audit row", async () => {
    const result = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-AUDIT"),
      SAMPLE_POLICY,
      parts("PAS-AUDIT", "T-audit"),
    );
    const [row] = await auditTrail(t.db, (result as { reference: string }).reference);
    expect(row).toMatchObject({
      action: "request.submitted",
      actorId: `smart-client:${ehr.clientId}`,
    });
    expect(JSON.parse(row!.detail)).toMatchObject({ via: "pas", client: "Memorial EHR" });
  });

  it("answers an inquiry with the asking client's own requests only, narrowed by Claim.identifier or preAuthRef", async () => {
    const mine = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-Q"),
      SAMPLE_POLICY,
      parts("PAS-Q", "T-q1"),
    );
    const reference = (mine as { reference: string }).reference;
    const p = parts("PAS-Q", "T-q1");
    const base = { memberId: "PAS-Q", npi: SAMPLE_SUBMISSION.npi };
    expect(await inquiryMatches(t.db, { ...base, clientId: ehr.clientId })).toEqual([reference]);
    expect(
      await inquiryMatches(t.db, {
        ...base,
        clientId: ehr.clientId,
        claimIdentifier: p.claimIdentifier,
      }),
    ).toEqual([reference]);
    expect(
      await inquiryMatches(t.db, { ...base, clientId: ehr.clientId, preAuthRef: reference }),
    ).toEqual([reference]);
    expect(
      await inquiryMatches(t.db, { ...base, clientId: ehr.clientId, preAuthRef: "R-2000-000000" }),
    ).toEqual([]);
    expect(await inquiryMatches(t.db, { ...base, clientId: other.clientId })).toEqual([]);
    expect(
      await inquiryMatches(t.db, { ...base, npi: "1245319599", clientId: ehr.clientId }),
    ).toEqual([]);
  });

  it("opens a launch once: two openings at once get it once, an expired one never", async () => {
    const prefill = {
      answers: { service: "dli", diagnosis: "aml" },
      evidence: {
        diagnosis: [
          {
            system: "http://hl7.org/fhir/sid/icd-10-cm",
            code: "C92.01",
            title: "Acute myeloblastic leukemia",
            date: "2025-02-03",
          },
        ],
      },
      hints: [
        {
          field: "priorTransplant",
          text: "EHR code 38241 “HPC; autologous transplantation”: an autologous HSCT is recorded; was there a later allogeneic HSCT?",
          evidence: [
            {
              system: "http://www.ama-assn.org/go/cpt",
              code: "38241",
              title: "HPC; autologous transplantation",
              date: null,
            },
          ],
        },
      ],
    };
    const id = await createLaunch(t.db, {
      clientId: ehr.clientId,
      policyId: "coverage-policy-0261",
      prefill,
    });
    const opened = await Promise.all([consumeLaunch(t.db, id), consumeLaunch(t.db, id)]);
    // The answers, the codes behind them and the hints come back as they went in.
    expect(opened.filter((o) => o.ok)).toEqual([
      { ok: true, policyId: "coverage-policy-0261", prefill },
    ]);
    expect(await consumeLaunch(t.db, id)).toMatchObject({ ok: false, reason: "spent" });
    const old = await createLaunch(
      t.db,
      { clientId: ehr.clientId, policyId: "coverage-policy-0261", prefill },
      new Date(Date.now() - 16 * 60_000),
    );
    expect(await consumeLaunch(t.db, old)).toMatchObject({ ok: false, reason: "expired" });
    expect(await consumeLaunch(t.db, old)).toMatchObject({ ok: false, reason: "expired" });
    expect(await consumeLaunch(t.db, "not-a-launch-id")).toEqual({ ok: false, reason: "unknown" });
    // Spent and expired launches keep no answers.
    const kept = await t.db.kysely
      .selectFrom("crd_launches")
      .select(["answers_json", "prefill_json"])
      .where("spent_at", "is not", null)
      .execute();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(
      kept.map(() => ({ answers_json: NO_ANSWERS, prefill_json: NO_PREFILL_JSON })),
    );
    const stored = await t.db.kysely
      .selectFrom("crd_launches")
      .select(["answers_json", "prefill_json"])
      .execute();
    expect(
      stored.every(
        (row) =>
          !row.answers_json.includes(SAMPLE_SUBMISSION.patientName) &&
          !row.prefill_json.includes(SAMPLE_SUBMISSION.patientName),
      ),
    ).toBe(true);
  });
});
