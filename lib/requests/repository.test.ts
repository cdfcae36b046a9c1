import { describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { insertStoredRequest, REVISION_1_CASES, REVISION_2_CASES } from "@/test/stored-requests";
import { director, reviewer } from "@/test/actors";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import {
  decisionsFor,
  findRequest,
  requestsOfPhysician,
  reviewQueue,
  submitRequest,
} from "./repository";
import { decideRequest, replyToRequest } from "./transitions";
import { auditTrail, recordAudit } from "@/lib/audit/audit-log";
import { countRequests } from "@/test/request-count";

describe.each(ENGINES)("requests on %s", (_engine, open) => {
  const t = testDatabase(open);
  /** The reference of the first request stored, opened again by later tests. */
  let first: string;

  it("stores a request with the server's determination, a reference, a due time and an audit row", async () => {
    const now = new Date("2026-11-26T10:00:00.000Z");
    const result = await submitRequest(t.db, "physician-1", SAMPLE_SUBMISSION, SAMPLE_POLICY, now);
    expect(result).toMatchObject({ ok: true, reference: expect.stringMatching(/^R-2026-\d{6}$/) });
    first = (result as { reference: string }).reference;
    const stored = await findRequest(t.db, first);
    expect(stored).toMatchObject({
      physicianId: "physician-1",
      policyId: "coverage-policy-0261",
      patientName: "Ada Example",
      npi: "1234567893",
      answers: SAMPLE_SUBMISSION.answers,
      determination: "medically-necessary",
      policyVersion: "2021-07-15",
      status: "pending",
      submittedAt: "2026-11-26T10:00:00.000Z",
      dueAt: "2026-11-29T10:00:00.000Z",
      version: 1,
    });
    expect(stored?.evaluation.decidedBy).toMatchObject({
      step: 7,
      title: "DLI coverage statement",
    });
    expect(stored?.evaluation.policy.rulesRevision).toBe(3);
    const audit = await auditTrail(t.db, first);
    expect(audit).toEqual([
      expect.objectContaining({ actorId: "physician-1", action: "request.submitted" }),
    ]);
    expect(audit[0]!.detail).not.toContain("Ada");

    const second = await submitRequest(
      t.db,
      "physician-2",
      { ...SAMPLE_SUBMISSION, urgency: "standard" },
      SAMPLE_POLICY,
      now,
    );
    expect(second).toMatchObject({ ok: true });
    const reference = (second as { reference: string }).reference;
    expect(reference).not.toBe(first);
    expect((await findRequest(t.db, reference))?.dueAt).toBe("2026-12-03T10:00:00.000Z");
  });

  it("refuses an incomplete case and stores nothing", async () => {
    const before = await countRequests(t.db);
    const result = await submitRequest(
      t.db,
      "physician-1",
      { ...SAMPLE_SUBMISSION, answers: { service: "dli" } },
      SAMPLE_POLICY,
    );
    expect(result).toMatchObject({
      ok: false,
      reason: "incomplete",
      next: {
        field: "diagnosis",
        reason: "Not answered yet: “Which condition is the DLI given to treat or prevent?”",
      },
    });
    // r3: an answer not offered for the case counts as not given, and the refusal says why.
    const notOffered = await submitRequest(
      t.db,
      "physician-1",
      {
        ...SAMPLE_SUBMISSION,
        answers: REVISION_2_CASES["hpc-autologous-enhance-chimerism"].answers,
      },
      SAMPLE_POLICY,
    );
    expect(notOffered).toMatchObject({
      ok: false,
      next: { field: "boostIndication", reason: expect.stringContaining("autologous") },
    });
    expect(await countRequests(t.db)).toBe(before);
  });

  it("lists a physician's own requests only", async () => {
    const mine = await requestsOfPhysician(t.db, "physician-1");
    expect(mine.rows.map((r) => r.reference)).toEqual([first]);
    expect(mine.next).toBeUndefined();
  });

  it("records a decision with its X12 278 code, and refuses a second decision: a decision is final", async () => {
    const decided = await decideRequest(t.db, {
      reference: first,
      expectedVersion: 1,
      action: "deny",
      rationale: "Not covered: see coverage-policy.dli.",
      actor: director("director-1"),
      policy: SAMPLE_POLICY,
    });
    expect(decided).toEqual({ ok: true, status: "denied", version: 2 });
    const second = await decideRequest(t.db, {
      reference: first,
      expectedVersion: 1,
      action: "approve",
      rationale: "Looks fine.",
      actor: reviewer("reviewer-2"),
      policy: SAMPLE_POLICY,
    });
    expect(second).toEqual({
      ok: false,
      reason: "refused",
      status: "denied",
      message: "A request that is denied cannot be approved.",
    });
    // Not even from the current version: the denial stands.
    const later = await decideRequest(t.db, {
      reference: first,
      expectedVersion: 2,
      action: "approve",
      rationale: "Changed my mind.",
      actor: reviewer("reviewer-2"),
      policy: SAMPLE_POLICY,
    });
    expect(later).toMatchObject({ ok: false, reason: "refused", status: "denied" });
    expect(await decisionsFor(t.db, first)).toEqual([
      expect.objectContaining({ action: "deny", reviewActionCode: "A3", reviewerId: "director-1" }),
    ]);
    expect((await findRequest(t.db, first))?.status).toBe("denied");
    expect((await auditTrail(t.db, first)).map((a) => a.action)).toEqual([
      "request.submitted",
      "request.denied",
    ]);
    expect(
      await decideRequest(t.db, {
        reference: "R-2099-999999",
        expectedVersion: 1,
        action: "approve",
        rationale: "x",
        actor: reviewer("reviewer-1"),
        policy: SAMPLE_POLICY,
      }),
    ).toEqual({ ok: false, reason: "not-found" });
  });

  it("decides a request pended for more information once the physician replies, and refuses a stale version", async () => {
    const pended = await submitRequest(t.db, "physician-4", SAMPLE_SUBMISSION, SAMPLE_POLICY);
    const reference = (pended as { reference: string }).reference;
    const decide = (expectedVersion: number, action: "approve" | "request-information") =>
      decideRequest(t.db, {
        reference,
        expectedVersion,
        action,
        rationale: "x",
        actor: reviewer("reviewer-1"),
        policy: SAMPLE_POLICY,
      });
    expect(await decide(1, "request-information")).toEqual({
      ok: true,
      status: "more-information",
      version: 2,
    });
    // Waiting for the physician: not the reviewer's to decide yet.
    expect(await decide(2, "approve")).toMatchObject({ ok: false, reason: "refused" });
    expect(
      await replyToRequest(t.db, {
        reference,
        expectedVersion: 2,
        physicianId: "physician-4",
        text: "The chimerism report is attached.",
        attachments: [],
      }),
    ).toEqual({ ok: true, status: "information-received", version: 3 });
    expect(await decide(2, "approve")).toEqual({ ok: false, reason: "conflict" });
    expect(await decide(3, "approve")).toEqual({ ok: true, status: "approved", version: 4 });
    expect(await decide(4, "request-information")).toMatchObject({
      ok: false,
      reason: "refused",
      status: "approved",
    });
    expect((await decisionsFor(t.db, reference)).map((d) => d.action)).toEqual([
      "request-information",
      "approve",
    ]);
  });

  it("keeps the audit trail append-only", async () => {
    await recordAudit(t.db.kysely, { actorId: null, action: "auth.sign-in.failure" });
    await expect(
      t.db.kysely.updateTable("audit_events").set({ action: "x" }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.kysely.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
  });

  it("pages the review queue by due time with filters and search", async () => {
    const base = new Date("2026-11-20T00:00:00.000Z");
    for (let i = 0; i < 12; i++)
      await submitRequest(
        t.db,
        "physician-3",
        { ...SAMPLE_SUBMISSION, memberId: `Q-${i}`, urgency: i % 2 ? "expedited" : "standard" },
        SAMPLE_POLICY,
        new Date(base.getTime() + i * 3_600_000),
      );
    const now = new Date("2026-11-26T00:00:00.000Z");
    const seen: string[] = [];
    let after;
    do {
      const page = await reviewQueue(t.db, { urgency: "expedited" }, { after, limit: 4, now });
      seen.push(...page.rows.map((r) => r.dueAt));
      after = page.next;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);

    const overdue = await reviewQueue(t.db, { overdue: true }, { now });
    expect(overdue.rows.every((r) => r.dueAt < now.toISOString())).toBe(true);
    expect(overdue.rows.length).toBe(6);
    expect((await reviewQueue(t.db, { search: "Q-7" })).rows).toHaveLength(1);
    expect((await reviewQueue(t.db, { search: first })).rows[0]?.status).toBe("denied");
    expect((await reviewQueue(t.db, { status: "denied" })).rows.map((r) => r.reference)).toEqual([
      first,
    ]);
  });
  it("reads a request stored under rules revision 1 as it was stored", async () => {
    await insertStoredRequest(t.db, {
      reference: "R-2025-000001",
      physicianId: "physician-9",
      memberId: "OLD-1",
      stored: REVISION_1_CASES["dli-another-donor"],
    });
    const old = await findRequest(t.db, "R-2025-000001");
    expect(old?.determination).toBe("not-medically-necessary");
    expect(old?.evaluation).toMatchObject({
      determination: "not-medically-necessary",
      policy: { version: "2021-07-15", rulesRevision: 1 },
      decidedBy: { field: "sameDonor", step: 3, title: "Same donor as the HSCT" },
    });
    // The row itself is not rewritten: it still holds what revision 1 wrote.
    const row = await t.db.kysely
      .selectFrom("requests")
      .select("evaluation_json")
      .where("reference", "=", "R-2025-000001")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.evaluation_json).policy).toEqual({
      id: "coverage-policy-0261",
      number: "0261",
      version: "2021-07-15",
    });
  });
});
