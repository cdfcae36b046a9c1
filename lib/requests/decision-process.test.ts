import { beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { director, reviewer } from "@/test/actors";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { FUTURE_SERVICE_DATE } from "@/test/dates";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { assignRequest } from "./assignment";
import { authorizationOf } from "./authorization-store";
import { caseHistory } from "./case-history";
import {
  findRequest,
  requestsOfPhysician,
  reviewQueue,
  submitRequest,
  type QueueFilter,
} from "./repository";
import { recordRuleAudit, ruleAuditList } from "./rule-audits";
import { RULE_ACTOR_ID } from "@/lib/audit/actors";
import { appealRequest, decideRequest, recommendDenial, replyToRequest } from "./transitions";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

const SUBMITTED = new Date("2026-03-01T08:00:00.000Z");
const at = (hours: number) => new Date(SUBMITTED.getTime() + hours * 3_600_000);
const ATTESTED = { ...SAMPLE_SUBMISSION, attestation: true };
const NOT_NECESSARY = { ...SAMPLE_SUBMISSION.answers, priorTransplant: "none" };

// Rule-based approval, assignment, the rule audit list, date corrections and appeals with
// corrected answers, on real databases.
describe.each(ENGINES)("the decision process on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  const staff: Record<string, string> = {};
  beforeAll(async () => {
    const auth = createAuth(t.db, {
      appUrl: "http://localhost:3000",
      secret: process.env.AUTH_SECRET!,
    });
    for (const [key, role, specialty] of [
      ["rita", "reviewer", undefined],
      ["dora", "medical-director", "transplant"],
      ["adam", "admin", undefined],
    ] as const)
      staff[key] = (
        await createUser(auth, {
          email: `${key}@example.org`,
          name: key,
          role,
          password: "a long enough password",
          specialty,
        })
      ).id;
  });

  const submit = (submission = SAMPLE_SUBMISSION, options = {}) =>
    submitRequest(t.db, "doc-1", submission, SAMPLE_POLICY, SUBMITTED, options).then((r) => {
      if (!r.ok) throw new Error("not stored");
      return r;
    });

  it("approves by rule at once an attested, medically necessary submission, with its authorization and audit row", async () => {
    const stored = await submit(ATTESTED, { ruleApproval: { sample: () => true } });
    expect(stored.status).toBe("approved");
    const request = (await findRequest(t.db, stored.reference))!;
    expect(request).toMatchObject({
      status: "approved",
      version: 2,
      approvedByRule: true,
      decidedAt: SUBMITTED.toISOString(),
    });
    expect(await authorizationOf(t.db, request.id)).toMatchObject({
      cpt: "38242",
      units: 1,
      validFrom: FUTURE_SERVICE_DATE,
      issuedBy: RULE_ACTOR_ID,
      byRule: true,
    });
    const { entries, audit } = await caseHistory(t.db, request.id, stored.reference);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: "decision",
        action: "approve",
        reviewActionCode: "A1",
        actor: expect.objectContaining({ role: "rule" }),
      }),
    ]);
    expect(audit.map((a) => a.action)).toEqual(["request.submitted", "request.approved-by-rule"]);
    const row = await t.db.kysely
      .selectFrom("audit_events")
      .select("detail_json")
      .where("request_reference", "=", stored.reference)
      .where("action", "=", "request.approved-by-rule")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail_json)).toMatchObject({
      policyVersion: SAMPLE_POLICY.version,
      rulesRevision: SAMPLE_POLICY.rulesRevision,
      sampledForAudit: true,
    });
    // Drawn for audit: on the list, to be audited once.
    expect((await ruleAuditList(t.db)).map((r) => r.reference)).toContain(stored.reference);
  });

  it("never denies or pends by rule, never approves without the attestation or with rule approval off", async () => {
    const rule = { ruleApproval: { sample: () => true } };
    const cases = [
      await submit({ ...ATTESTED, answers: NOT_NECESSARY }, rule),
      await submit(SAMPLE_SUBMISSION, rule),
      await submit(ATTESTED),
    ];
    for (const stored of cases) {
      expect(stored.status).toBe("pending");
      const request = (await findRequest(t.db, stored.reference))!;
      expect(request).toMatchObject({ status: "pending", version: 1, approvedByRule: false });
      expect(await authorizationOf(t.db, request.id)).toBeUndefined();
      expect((await caseHistory(t.db, request.id, stored.reference)).entries).toEqual([]);
    }
  });

  it("draws the share it is told for audit; a reviewer records a finding once", async () => {
    const drawn = await submit(ATTESTED, { ruleApproval: { sample: () => true } });
    const left = await submit(ATTESTED, { ruleApproval: { sample: () => false } });
    const listed = (await ruleAuditList(t.db)).map((r) => r.reference);
    expect(listed).toContain(drawn.reference);
    expect(listed).not.toContain(left.reference);
    expect(
      await recordRuleAudit(t.db, {
        reference: left.reference,
        auditorId: staff.rita!,
        agrees: true,
        note: "x",
      }),
    ).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(
      await recordRuleAudit(t.db, {
        reference: drawn.reference,
        auditorId: staff.rita!,
        agrees: false,
        note: "The marrow report shows remission, not relapse.",
      }),
    ).toEqual({ ok: true });
    expect(
      await recordRuleAudit(t.db, {
        reference: drawn.reference,
        auditorId: staff.rita!,
        agrees: true,
        note: "again",
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    const found = (await ruleAuditList(t.db)).find((r) => r.reference === drawn.reference);
    expect(found).toMatchObject({
      auditorId: staff.rita,
      agrees: false,
      note: "The marrow report shows remission, not relapse.",
    });
    // A finding never changes the approval.
    expect((await findRequest(t.db, drawn.reference))!.status).toBe("approved");
  });

  it("assigns an open case to a reviewer or a medical director, audited, without moving its version", async () => {
    const { reference } = await submit();
    const me = { id: staff.rita!, role: "reviewer" as const };
    expect(await assignRequest(t.db, { reference, by: me, assignee: staff.dora! })).toEqual({
      ok: true,
      assignedTo: staff.dora,
    });
    for (const [by, assignee, message] of [
      [me, staff.adam!, /neither/],
      [
        { id: staff.adam!, role: "admin" as const },
        staff.rita!,
        /Only a reviewer or a medical director/,
      ],
    ] as const)
      expect(await assignRequest(t.db, { reference, by, assignee })).toMatchObject({
        ok: false,
        message: expect.stringMatching(message),
      });
    const request = (await findRequest(t.db, reference))!;
    expect(request).toMatchObject({ assignedTo: staff.dora, version: 1 });
    const { audit } = await caseHistory(t.db, request.id, reference);
    expect(audit.map((a) => a.action)).toEqual(["request.submitted", "request.assigned"]);
    // A decided case has nothing left to assign.
    await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "approve",
      rationale: "Meets the policy.",
      actor: reviewer(staff.rita),
      policy: SAMPLE_POLICY,
    });
    expect(await assignRequest(t.db, { reference, by: me, assignee: null })).toMatchObject({
      ok: false,
      reason: "refused",
    });
  });

  it("serves the worklists: open cases, assigned to me, awaiting a medical director, appeals I may decide; a physician's list by pages", async () => {
    const physician = "doc-worklists";
    const submitOwn = () =>
      submitRequest(t.db, physician, SAMPLE_SUBMISSION, SAMPLE_POLICY, SUBMITTED).then(
        (r) => (r as { reference: string }).reference,
      );
    const [approved, awaiting, appealed, assigned] = [
      await submitOwn(),
      await submitOwn(),
      await submitOwn(),
      await submitOwn(),
    ];
    const base = { expectedVersion: 1, policy: SAMPLE_POLICY };
    await decideRequest(t.db, {
      ...base,
      reference: approved!,
      action: "approve",
      rationale: "Yes.",
      actor: reviewer(staff.rita),
    });
    await recommendDenial(t.db, {
      ...base,
      reference: awaiting!,
      rationale: "Recommend.",
      actor: reviewer(staff.rita),
    });
    await decideRequest(
      t.db,
      {
        ...base,
        reference: appealed!,
        action: "deny",
        rationale: "No.",
        actor: director(staff.dora),
      },
      at(1),
    );
    await appealRequest(
      t.db,
      {
        reference: appealed!,
        expectedVersion: 2,
        physicianId: physician,
        reason: "Again.",
        attachments: [],
      },
      at(2),
    );
    await assignRequest(t.db, {
      reference: assigned!,
      by: { id: staff.rita!, role: "reviewer" },
      assignee: staff.rita!,
    });
    const references = async (filter: QueueFilter) =>
      (await reviewQueue(t.db, filter, { limit: 500 })).rows
        .map((r) => r.reference)
        .filter((r) => [approved, awaiting, appealed, assigned].includes(r));
    expect(await references({ open: true })).toEqual(
      expect.arrayContaining([awaiting, appealed, assigned]),
    );
    expect(await references({ open: true })).not.toContain(approved);
    expect(await references({ status: "awaiting-medical-director" })).toEqual([awaiting]);
    expect(await references({ assignedTo: staff.rita })).toEqual([assigned]);
    const appealsFor = (userId: string) => ({
      appealsFor: { userId, policyIds: [SAMPLE_POLICY.id] },
    });
    // The medical director who denied does not see the appeal as theirs to decide; another does.
    expect(await references(appealsFor(staff.dora!))).toEqual([]);
    expect(await references(appealsFor("another-director"))).toEqual([appealed]);
    const row = (await reviewQueue(t.db, { search: appealed! })).rows[0]!;
    expect(row.deniedBy).toBe(staff.dora);

    const first = await requestsOfPhysician(t.db, physician, { limit: 3 });
    const second = await requestsOfPhysician(t.db, physician, { limit: 3, before: first.next });
    expect(first.rows).toHaveLength(3);
    expect(first.next).toBeDefined();
    expect(second.next).toBeUndefined();
    expect([...first.rows, ...second.rows].map((r) => r.reference).sort()).toEqual(
      [approved, awaiting, appealed, assigned].sort(),
    );
  });

  it("takes a corrected date of service in a reply, keeping both, and flags a past one as retrospective", async () => {
    const { reference } = await submit();
    await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "request-information",
      rationale: "When is the infusion planned?",
      actor: reviewer(),
      policy: SAMPLE_POLICY,
      criteria: ["DLI indication"],
    });
    expect(
      await replyToRequest(t.db, {
        reference,
        expectedVersion: 2,
        physicianId: "doc-1",
        text: "It was given last month.",
        serviceDate: { date: "2026-02-10", retrospective: true },
        attachments: [],
      }),
    ).toMatchObject({ ok: true, status: "information-received" });
    const request = (await findRequest(t.db, reference))!;
    expect(request).toMatchObject({ serviceDate: "2026-02-10", retrospective: true });
    const { entries } = await caseHistory(t.db, request.id, reference);
    expect(entries.at(-1)).toMatchObject({
      kind: "reply",
      detail: { serviceDate: { from: FUTURE_SERVICE_DATE, to: "2026-02-10", retrospective: true } },
    });
    // An approval now authorizes from the corrected, past date.
    await decideRequest(t.db, {
      reference,
      expectedVersion: 3,
      action: "approve",
      rationale: "Meets the policy.",
      actor: reviewer(),
      policy: SAMPLE_POLICY,
    });
    expect(await authorizationOf(t.db, request.id)).toMatchObject({ validFrom: "2026-02-10" });
  });

  it("takes an appeal with corrected answers (both readings kept) and an expedited one due in 72 hours", async () => {
    const stored = await submit({
      ...SAMPLE_SUBMISSION,
      urgency: "standard",
      answers: NOT_NECESSARY,
    });
    const { reference } = stored;
    await decideRequest(
      t.db,
      {
        reference,
        expectedVersion: 1,
        action: "deny",
        rationale: "No allogeneic HSCT.",
        actor: director(),
        policy: SAMPLE_POLICY,
      },
      at(5),
    );
    const corrected = { ...SAMPLE_SUBMISSION.answers };
    expect(
      await appealRequest(
        t.db,
        {
          reference,
          expectedVersion: 2,
          physicianId: "doc-1",
          reason: "The transplant was allogeneic; the form was wrong.",
          attachments: [],
          corrected: { answers: corrected, evaluation: evaluate(SAMPLE_POLICY, corrected) },
          expedited: true,
        },
        at(10),
      ),
    ).toMatchObject({ ok: true, status: "appealed" });
    const request = (await findRequest(t.db, reference))!;
    expect(request.determination).toBe("medically-necessary");
    expect(request.dueAt).toBe(at(10 + 72).toISOString());
    const { entries } = await caseHistory(t.db, request.id, reference);
    expect(entries.at(-1)).toMatchObject({
      kind: "appealed",
      detail: {
        corrected: true,
        expedited: true,
        before: { determination: "not-medically-necessary", answers: NOT_NECESSARY },
        after: { determination: "medically-necessary", answers: corrected },
      },
    });
  });
});
