import { beforeAll, describe, expect, it } from "vitest";
import { consumeLaunch, createLaunch, NO_ANSWERS, NO_PREFILL_JSON } from "@/lib/cds-hooks/launches";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { auditTrail } from "@/lib/audit/audit-log";
import { registerClient } from "@/lib/smart/clients";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { testKey } from "@/test/smart-keys";
import { findRequest } from "@/lib/requests/repository";
import { issueAuthorization } from "@/lib/requests/authorization-store";
import { SAMPLE_PDF } from "@/test/ehr-samples";
import {
  inquiryMatches,
  pasDiagnosisFlags,
  pasOrigins,
  recordInquiry,
  submitOverPas,
} from "./repository";
import { pasRequestBundle } from "./request-bundle";
import { mapSubmitBundle } from "./submit-bundle";
import { countRequests } from "@/test/request-count";

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

describe.each(ENGINES)("PAS submissions and CRD launches on %s", (_engine, open) => {
  const t = testDatabase(open);
  let ehr: TokenHolder;
  let other: TokenHolder;
  /** Another system of the same provider: SAMPLE_SUBMISSION's NPI is registered to it. */
  let colleague: TokenHolder;
  /** A system registered for another provider's NPI. */
  let elsewhere: TokenHolder;
  let key: Awaited<ReturnType<typeof testKey>>;
  beforeAll(async () => {
    key = await testKey("ES384");
    const holders: TokenHolder[] = [];
    for (const [name, npis] of [
      ["Memorial EHR", []],
      ["Other EHR", []],
      ["Memorial lab system", [SAMPLE_SUBMISSION.npi]],
      ["Elsewhere EHR", ["1245319599"]],
    ] as const) {
      const r = await registerClient(t.db, {
        name,
        jwks: { keys: [key.publicJwk] },
        scopes: "system/Claim.write system/ClaimResponse.read",
        npis: [...npis],
      });
      if (!r.ok) throw new Error(r.problem);
      holders.push({ clientId: r.client.id, clientName: name, scopes: r.client.scopes });
    }
    [ehr, other, colleague, elsewhere] = holders as [
      TokenHolder,
      TokenHolder,
      TokenHolder,
      TokenHolder,
    ];
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
    const refs = async (q: Parameters<typeof inquiryMatches>[1]) =>
      (await inquiryMatches(t.db, q)).map((m) => m.reference);
    expect(await inquiryMatches(t.db, { ...base, clientId: ehr.clientId })).toEqual([
      { reference, ground: "submitter" },
    ]);
    expect(
      await refs({
        ...base,
        clientId: ehr.clientId,
        claimIdentifier: p.claimIdentifier,
      }),
    ).toEqual([reference]);
    expect(await refs({ ...base, clientId: ehr.clientId, preAuthRef: reference })).toEqual([
      reference,
    ]);
    expect(await refs({ ...base, clientId: ehr.clientId, preAuthRef: "R-2000-000000" })).toEqual(
      [],
    );
    expect(await refs({ ...base, clientId: other.clientId })).toEqual([]);
    expect(await refs({ ...base, npi: "1245319599", clientId: ehr.clientId })).toEqual([]);
  });

  it("answers another system of the same provider (its NPI registered) on member ID plus that NPI, never on member ID alone", async () => {
    const sent = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-NPI"),
      SAMPLE_POLICY,
      parts("PAS-NPI", "T-npi"),
    );
    const reference = (sent as { reference: string }).reference;
    const base = { memberId: "PAS-NPI", npi: SAMPLE_SUBMISSION.npi };
    expect(await inquiryMatches(t.db, { ...base, clientId: colleague.clientId })).toEqual([
      { reference, ground: "registered-npi" },
    ]);
    // The same member ID under another NPI (registered to the asker or not), another member
    // ID under the registered NPI, or a client registered for another NPI: nothing.
    for (const q of [
      { ...base, npi: "1245319599", clientId: colleague.clientId },
      { ...base, npi: "1245319599", clientId: elsewhere.clientId },
      { ...base, clientId: elsewhere.clientId },
      { ...base, memberId: "PAS-Q", clientId: colleague.clientId, preAuthRef: reference },
      { ...base, clientId: other.clientId, preAuthRef: reference },
    ])
      expect(await inquiryMatches(t.db, q)).toEqual([]);
  });

  it("finds an approved request by its authorization number as well as by its reference", async () => {
    const sent = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-AUTH"),
      SAMPLE_POLICY,
      parts("PAS-AUTH", "T-auth"),
    );
    const reference = (sent as { reference: string }).reference;
    const request = (await findRequest(t.db, reference))!;
    const issued = await issueAuthorization(
      t.db.kysely,
      request.id,
      {
        service: "Donor lymphocyte infusion",
        cpt: "38242",
        units: 1,
        validFrom: request.serviceDate,
        validTo: request.serviceDate,
      },
      "reviewer-1",
      new Date(),
    );
    const base = { memberId: "PAS-AUTH", npi: SAMPLE_SUBMISSION.npi };
    for (const clientId of [ehr.clientId, colleague.clientId])
      expect(
        (await inquiryMatches(t.db, { ...base, clientId, preAuthRef: issued.number })).map(
          (m) => m.reference,
        ),
      ).toEqual([reference]);
    expect(
      await inquiryMatches(t.db, { ...base, clientId: other.clientId, preAuthRef: issued.number }),
    ).toEqual([]);
  });

  it("audits each answer with the client and its ground, and an empty answer without any identifier", async () => {
    const sent = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-AUD2"),
      SAMPLE_POLICY,
      parts("PAS-AUD2", "T-aud2"),
    );
    const reference = (sent as { reference: string }).reference;
    await recordInquiry(t.db, colleague, { reference, ground: "registered-npi", code: "A4" });
    const rows = await auditTrail(t.db, reference);
    const inquired = rows.find((r) => r.action === "request.inquired")!;
    expect(inquired.actorId).toBe(`smart-client:${colleague.clientId}`);
    expect(JSON.parse(inquired.detail)).toEqual({
      via: "pas",
      client: "Memorial lab system",
      ground: "registered-npi",
      reviewActionCode: "A4",
    });
    await recordInquiry(t.db, elsewhere, null);
    const empty = await t.db.kysely
      .selectFrom("audit_events")
      .selectAll()
      .where("actor_id", "=", `smart-client:${elsewhere.clientId}`)
      .execute();
    expect(empty).toHaveLength(1);
    expect(empty[0]!.request_reference).toBeNull();
    expect(JSON.parse(empty[0]!.detail_json)).toEqual({
      via: "pas",
      client: "Elsewhere EHR",
      matched: 0,
    });
  });

  it("registers a client's NPIs, and refuses one that is not an NPI without registering the client", async () => {
    const before = await t.db.kysely
      .selectFrom("smart_clients")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await registerClient(t.db, {
      name: "Typo EHR",
      jwks: { keys: [key.publicJwk] },
      scopes: "system/ClaimResponse.read",
      npis: ["1234567893", "1234567890"],
    });
    expect(refused).toEqual({
      ok: false,
      problem: '"1234567890" is not an NPI: 10 digits whose last is the check digit.',
    });
    const after = await t.db.kysely
      .selectFrom("smart_clients")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const npis = await t.db.kysely
      .selectFrom("smart_client_npis")
      .select("npi")
      .where("client_id", "=", colleague.clientId)
      .execute();
    expect(npis).toEqual([{ npi: SAMPLE_SUBMISSION.npi }]);
  });

  it("stores a PAS Claim's files as the submission's, and its diagnosis flags beside its origin", async () => {
    const flag = {
      field: "diagnosis",
      question: "What is the diagnosis?",
      proposed: "Acute myeloid leukemia (AML)",
      answered: "Chronic myeloid leukemia (CML)",
      codes: [{ code: "C92.00", title: "Acute myeloblastic leukemia" }],
    };
    const sent = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-FILES"),
      SAMPLE_POLICY,
      parts("PAS-FILES", "T-files"),
      new Date(),
      {
        attachments: [{ name: "path.pdf", contentType: "application/pdf", data: SAMPLE_PDF }],
        diagnosisFlags: [flag],
      },
    );
    const reference = (sent as { reference: string }).reference;
    const request = (await findRequest(t.db, reference))!;
    const files = await t.db.kysely
      .selectFrom("attachments")
      .select(["name", "content_type", "size", "event_id", "uploader_id"])
      .where("request_id", "=", request.id)
      .execute();
    expect(files).toEqual([
      {
        name: "path.pdf",
        content_type: "application/pdf",
        size: SAMPLE_PDF.length,
        event_id: null,
        uploader_id: `smart-client:${ehr.clientId}`,
      },
    ]);
    expect(await pasDiagnosisFlags(t.db, reference)).toEqual([flag]);
    // The same Bundle again with other files is another request under a reused identifier.
    const retried = await submitOverPas(
      t.db,
      ehr,
      submission("PAS-FILES"),
      SAMPLE_POLICY,
      parts("PAS-FILES", "T-files"),
      new Date(),
      { attachments: [] },
    );
    expect(retried).toMatchObject({ ok: false, reason: "key-reused" });
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
