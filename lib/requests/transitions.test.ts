import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { director, reviewer } from "@/test/actors";
import { FUTURE_AUTHORIZATION_END, FUTURE_SERVICE_DATE, LATER_SERVICE_DATE } from "@/test/dates";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import type { NewAttachment } from "./attachment-store";
import { caseHistory } from "./case-history";
import { findRequest, submitRequest } from "./repository";
import { authorizationOf } from "./authorization-store";
import {
  appealRequest,
  decideAppeal,
  decideRequest,
  extendRequest,
  recommendDenial,
  replyToRequest,
  withdrawRequest,
} from "./transitions";

const PDF: NewAttachment = {
  name: "chimerism.pdf",
  contentType: "application/pdf",
  data: new TextEncoder().encode("%PDF-1.4\n% chimerism report\n%%EOF"),
};
const SUBMITTED = new Date("2026-03-01T08:00:00.000Z");
const dayAfter = (date: string, days = 1) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (hours: number) => new Date(SUBMITTED.getTime() + hours * 3_600_000);

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

// The review loop's steps, each one locked transaction, on real databases: what is written when a
// step is taken, and that a refused step writes nothing at all.
describe.each(ENGINES)("the review loop on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });

  async function submit(urgency: "standard" | "expedited" = "standard", physician = "doc-1") {
    const result = await submitRequest(
      t.db,
      physician,
      { ...SAMPLE_SUBMISSION, urgency },
      SAMPLE_POLICY,
      SUBMITTED,
    );
    if (!result.ok) throw new Error("not stored");
    return result.reference;
  }
  const rows = async (reference: string) => {
    const request = (await findRequest(t.db, reference))!;
    const history = await caseHistory(t.db, request.id, reference);
    return { request, history };
  };

  it("pend → reply with a file and corrected answers → approve: both readings kept, clock not paused", async () => {
    const reference = await submit();
    expect(
      await decideRequest(
        t.db,
        {
          reference,
          expectedVersion: 1,
          action: "request-information",
          rationale: "Send the chimerism report.",
          actor: reviewer("rev-1"),
          policy: SAMPLE_POLICY,
          criteria: ["DLI indication"],
        },
        at(2),
      ),
    ).toEqual({ ok: true, status: "more-information", version: 2 });
    // Someone else's request reads as missing, and changes nothing.
    expect(
      await replyToRequest(t.db, {
        reference,
        expectedVersion: 2,
        physicianId: "doc-2",
        text: "x",
        attachments: [PDF],
      }),
    ).toEqual({ ok: false, reason: "not-found" });

    const corrected = { ...SAMPLE_SUBMISSION.answers, dliIndication: "other" };
    const evaluation = evaluate(SAMPLE_POLICY, corrected);
    expect(
      await replyToRequest(
        t.db,
        {
          reference,
          expectedVersion: 2,
          physicianId: "doc-1",
          text: "Report attached; the indication was mixed chimerism.",
          corrected: { answers: corrected, evaluation },
          attachments: [PDF],
        },
        at(30),
      ),
    ).toEqual({ ok: true, status: "information-received", version: 3 });
    expect(
      await decideRequest(
        t.db,
        {
          reference,
          expectedVersion: 3,
          action: "approve",
          rationale: "Meets the policy.",
          actor: director("dir-1"),
          policy: SAMPLE_POLICY,
        },
        at(50),
      ),
    ).toEqual({ ok: true, status: "approved", version: 4 });

    const { request, history } = await rows(reference);
    expect(request.answers).toEqual(corrected);
    expect(request.determination).toBe(evaluation.determination);
    expect(request.decidedAt).toBe(at(50).toISOString());
    const stored = await t.db.kysely
      .selectFrom("requests")
      .select("decision_ms")
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();
    // Calendar time from submission, the 28 hours with the physician included.
    expect(Number(stored.decision_ms)).toBe(50 * 3_600_000);
    expect(history.entries.map((e) => e.kind)).toEqual(["decision", "reply", "decision"]);
    const reply = history.entries[1]!;
    expect(reply).toMatchObject({
      kind: "reply",
      detail: {
        corrected: true,
        before: { determination: "medically-necessary" },
        after: { determination: evaluation.determination },
      },
      attachments: [
        { name: "chimerism.pdf", contentType: "application/pdf", size: PDF.data.byteLength },
      ],
    });
    expect(history.entries[0]).toMatchObject({ criteria: ["DLI indication"] });
    expect(history.audit.map((a) => a.action)).toEqual([
      "request.submitted",
      "request.information-requested",
      "request.replied",
      "request.approved",
    ]);
  });

  it("deny → appeal → the denier is refused, another medical director overturns: approved on appeal", async () => {
    const reference = await submit("expedited");
    await decideRequest(
      t.db,
      {
        reference,
        expectedVersion: 1,
        action: "deny",
        rationale: "No.",
        actor: director("dir-1"),
        policy: SAMPLE_POLICY,
      },
      at(10),
    );
    expect(
      await appealRequest(
        t.db,
        {
          reference,
          expectedVersion: 2,
          physicianId: "doc-1",
          reason: "New report.",
          attachments: [PDF],
        },
        at(20),
      ),
    ).toEqual({ ok: true, status: "appealed", version: 3 });
    // Expedited: the appeal is due in 72 hours.
    expect((await findRequest(t.db, reference))!.dueAt).toBe(at(92).toISOString());
    const byDenier = await decideAppeal(t.db, {
      reference,
      expectedVersion: 3,
      actor: director("dir-1"),
      policy: SAMPLE_POLICY,
      outcome: "overturn",
      rationale: "x",
    });
    expect(byDenier).toMatchObject({ ok: false, reason: "refused" });
    expect((byDenier as { message: string }).message).toMatch(/another medical director must/);
    expect(
      await appealRequest(t.db, {
        reference,
        expectedVersion: 3,
        physicianId: "doc-1",
        reason: "again",
        attachments: [],
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    expect(
      await decideAppeal(t.db, {
        reference,
        expectedVersion: 3,
        actor: director("dir-2", "hematology/oncology"),
        policy: SAMPLE_POLICY,
        outcome: "overturn",
        rationale: "The new report shows relapse.",
      }),
    ).toEqual({ ok: true, status: "appeal-overturned", version: 4 });
    const { request, history } = await rows(reference);
    // The first decision stays the clock's stop.
    expect(request.decidedAt).toBe(at(10).toISOString());
    expect(history.entries.map((e) => e.kind)).toEqual([
      "decision",
      "appealed",
      "appeal-overturned",
    ]);
  });

  it("refuses an appeal after 180 days, and an appeal of an approval, storing nothing", async () => {
    const late = await submit();
    await decideRequest(
      t.db,
      {
        reference: late,
        expectedVersion: 1,
        action: "deny",
        rationale: "No.",
        actor: director("d"),
        policy: SAMPLE_POLICY,
      },
      at(1),
    );
    const tooLate = await appealRequest(
      t.db,
      {
        reference: late,
        expectedVersion: 2,
        physicianId: "doc-1",
        reason: "x",
        attachments: [PDF],
      },
      at(1 + 181 * 24),
    );
    expect(tooLate).toMatchObject({ ok: false, reason: "refused" });
    const approved = await submit();
    await decideRequest(t.db, {
      reference: approved,
      expectedVersion: 1,
      action: "approve",
      rationale: "Yes.",
      actor: reviewer("r"),
      policy: SAMPLE_POLICY,
    });
    expect(
      await appealRequest(t.db, {
        reference: approved,
        expectedVersion: 2,
        physicianId: "doc-1",
        reason: "x",
        attachments: [PDF],
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    for (const reference of [late, approved]) {
      const { request, history } = await rows(reference);
      expect(request.version).toBe(2);
      expect(history.entries).toHaveLength(1);
    }
  });

  it("extends a standard request once, by its days, with the reason shown; never an expedited one", async () => {
    const reference = await submit();
    const before = (await findRequest(t.db, reference))!.dueAt;
    expect(
      await extendRequest(
        t.db,
        {
          reference,
          expectedVersion: 1,
          actor: reviewer("rev-1"),
          days: 14,
          reason: "Awaiting the transplant centre's records.",
        },
        at(3),
      ),
    ).toEqual({ ok: true, status: "pending", version: 2 });
    const extended = (await findRequest(t.db, reference))!;
    expect(new Date(extended.dueAt).getTime() - new Date(before).getTime()).toBe(14 * 86_400_000);
    expect(extended.extensionReason).toBe("Awaiting the transplant centre's records.");
    expect(
      await extendRequest(t.db, {
        reference,
        expectedVersion: 2,
        actor: reviewer("rev-1"),
        days: 1,
        reason: "again",
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    const expedited = await submit("expedited");
    expect(
      await extendRequest(t.db, {
        reference: expedited,
        expectedVersion: 1,
        actor: reviewer("rev-1"),
        days: 1,
        reason: "x",
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
  });

  it("withdraws an undecided request, which can then be neither decided nor withdrawn again", async () => {
    const reference = await submit();
    expect(
      await withdrawRequest(t.db, {
        reference,
        expectedVersion: 1,
        physicianId: "doc-1",
        reason: "Patient moved.",
      }),
    ).toEqual({ ok: true, status: "withdrawn", version: 2 });
    expect(
      await decideRequest(t.db, {
        reference,
        expectedVersion: 2,
        action: "approve",
        rationale: "x",
        actor: reviewer("r"),
        policy: SAMPLE_POLICY,
      }),
    ).toMatchObject({ ok: false, reason: "refused", status: "withdrawn" });
    expect(
      await withdrawRequest(t.db, {
        reference,
        expectedVersion: 2,
        physicianId: "doc-1",
        reason: "x",
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    const { request, history } = await rows(reference);
    expect(request.decidedAt).toBeNull();
    expect(history.entries.map((e) => [e.kind, "body" in e ? e.body : ""])).toEqual([
      ["withdrawn", "Patient moved."],
    ]);
  });

  it("pend items (what the EHR should send) are refused for a request that did not come over PAS, writing nothing", async () => {
    const reference = await submit("standard", "smart-client:ehr-1");
    const pend = await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the chimerism report.",
      actor: reviewer("r"),
      policy: SAMPLE_POLICY,
      criteria: ["Prior transplant"],
      documents: ["11526-1"],
    });
    expect(pend).toMatchObject({ ok: false, reason: "invalid" });
    const { request, history } = await rows(reference);
    expect([request.status, request.version, history.entries]).toEqual(["pending", 1, []]);
    // A request from a system is pended like any other (lib/cdex answers it).
    expect(
      await decideRequest(t.db, {
        reference,
        expectedVersion: 1,
        action: "request-information",
        rationale: "Send the chimerism report.",
        actor: reviewer("r"),
        policy: SAMPLE_POLICY,
        criteria: ["Prior transplant"],
      }),
    ).toEqual({ ok: true, status: "more-information", version: 2 });
  });

  it("a reviewer recommends a denial, and a medical director decides it; a reviewer denies nothing", async () => {
    const reference = await submit();
    const unchanged = async () => {
      const { request, history } = await rows(reference);
      return [request.version, history.entries.length, history.audit.length];
    };
    const before = await unchanged();
    const byReviewer = await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "deny",
      rationale: "No.",
      actor: reviewer("rev-1"),
      policy: SAMPLE_POLICY,
    });
    expect(byReviewer).toMatchObject({ ok: false, reason: "refused" });
    expect((byReviewer as { message: string }).message).toMatch(/Only a medical director can deny/);
    // A refused step writes nothing, not even an audit row.
    expect(await unchanged()).toEqual(before);

    expect(
      await recommendDenial(
        t.db,
        {
          reference,
          expectedVersion: 1,
          rationale: "Drafted: the CML is in remission, so no relapse to treat.",
          actor: reviewer("rev-1"),
          policy: SAMPLE_POLICY,
        },
        at(3),
      ),
    ).toEqual({ ok: true, status: "awaiting-medical-director", version: 2 });
    // Waiting for a medical director: the reviewer can no longer decide it, the director can.
    expect(
      await decideRequest(t.db, {
        reference,
        expectedVersion: 2,
        action: "approve",
        rationale: "x",
        actor: reviewer("rev-1"),
        policy: SAMPLE_POLICY,
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    expect(
      await decideRequest(
        t.db,
        {
          reference,
          expectedVersion: 2,
          action: "deny",
          rationale: "Not certified: no relapse to treat.",
          actor: director("dir-1"),
          policy: SAMPLE_POLICY,
        },
        at(5),
      ),
    ).toEqual({ ok: true, status: "denied", version: 3 });
    const { request, history } = await rows(reference);
    // The recommendation is no decision: the clock stops at the director's denial.
    expect(request.decidedAt).toBe(at(5).toISOString());
    expect(history.entries.map((e) => [e.kind, e.actor.id])).toEqual([
      ["denial-recommended", "rev-1"],
      ["decision", "dir-1"],
    ]);
    expect(history.entries[0]).toMatchObject({
      body: "Drafted: the CML is in remission, so no relapse to treat.",
    });
    expect(history.audit.map((a) => a.action)).toEqual([
      "request.submitted",
      "request.denial-recommended",
      "request.denied",
    ]);
  });

  it("only a medical director approves a reading that is not medically necessary", async () => {
    const stored = await submitRequest(
      t.db,
      "doc-1",
      { ...SAMPLE_SUBMISSION, answers: { ...SAMPLE_SUBMISSION.answers, priorTransplant: "none" } },
      SAMPLE_POLICY,
      SUBMITTED,
    );
    const reference = (stored as { reference: string }).reference;
    expect((await findRequest(t.db, reference))!.determination).toBe("not-medically-necessary");
    const approve = (actor: ReturnType<typeof reviewer>) =>
      decideRequest(t.db, {
        reference,
        expectedVersion: 1,
        action: "approve",
        rationale: "Exception granted.",
        actor,
        policy: SAMPLE_POLICY,
      });
    const byReviewer = await approve(reviewer("rev-1"));
    expect((byReviewer as { message: string }).message).toMatch(
      /only a medical director can approve or deny it/,
    );
    expect(await approve({ id: "admin-1", role: "admin" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/takes no review step/),
    });
    expect(await approve(director("dir-1"))).toEqual({ ok: true, status: "approved", version: 2 });
  });

  it("an approval records what it authorizes: the service, its CPT code, units and 90 days from the planned date", async () => {
    const approve = async (authorization?: { validTo?: string; units?: number }) => {
      const reference = await submit();
      const outcome = await decideRequest(
        t.db,
        {
          reference,
          expectedVersion: 1,
          action: "approve",
          rationale: "Meets the policy.",
          actor: reviewer("rev-1"),
          policy: SAMPLE_POLICY,
          authorization,
        },
        at(4),
      );
      const request = (await findRequest(t.db, reference))!;
      return { outcome, request, authorization: await authorizationOf(t.db, request.id) };
    };
    const plain = await approve();
    expect(plain.outcome).toMatchObject({ ok: true, status: "approved" });
    expect(plain.authorization).toEqual({
      number: expect.stringMatching(/^PA-2026-\d{8}$/),
      service: "Donor lymphocyte infusion (DLI)",
      cpt: "38242",
      units: 1,
      // The planned date of service (June 1 next year) and the 89 days after it.
      validFrom: FUTURE_SERVICE_DATE,
      validTo: FUTURE_AUTHORIZATION_END,
      issuedAt: at(4).toISOString(),
      issuedBy: "rev-1",
      byRule: false,
    });
    const shortened = await approve({ validTo: LATER_SERVICE_DATE, units: 3 });
    expect(shortened.authorization).toMatchObject({ validTo: LATER_SERVICE_DATE, units: 3 });
    expect(shortened.authorization!.number).not.toBe(plain.authorization!.number);

    // Lengthened, or ending before it starts: refused by field, nothing written.
    for (const [validTo, message] of [
      [dayAfter(FUTURE_AUTHORIZATION_END), new RegExp(`${FUTURE_AUTHORIZATION_END} at the latest`)],
      [dayAfter(FUTURE_SERVICE_DATE, -1), /cannot end before it starts/],
    ] as const) {
      const refused = await approve({ validTo });
      expect(refused.outcome).toEqual({
        ok: false,
        reason: "invalid",
        issues: [{ path: "validTo", message: expect.stringMatching(message) }],
      });
      expect(refused.request).toMatchObject({ status: "pending", version: 1, decidedAt: null });
      expect(refused.authorization).toBeUndefined();
      const { history } = await rows(refused.request.reference);
      expect(history.entries).toEqual([]);
      expect(history.audit.map((a) => a.action)).toEqual(["request.submitted"]);
    }
  });

  it("an appeal is decided by a medical director with a specialty the policy names; overturned, it authorizes", async () => {
    const reference = await submit();
    await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "deny",
      rationale: "No.",
      actor: director("dir-1"),
      policy: SAMPLE_POLICY,
    });
    await appealRequest(t.db, {
      reference,
      expectedVersion: 2,
      physicianId: "doc-1",
      reason: "See the new report.",
      attachments: [],
    });
    const decide = (actor: ReturnType<typeof director>) =>
      decideAppeal(t.db, {
        reference,
        expectedVersion: 3,
        actor,
        policy: SAMPLE_POLICY,
        outcome: "overturn",
        rationale: "Relapse shown.",
      });
    for (const [actor, message] of [
      [
        director("dir-3", "cardiology"),
        /hematology\/oncology or transplant; your recorded specialty is cardiology/,
      ],
      [reviewer("rev-1"), /Only a medical director can decide an appeal/],
    ] as const) {
      const refused = await decide(actor);
      expect(refused).toMatchObject({ ok: false, reason: "refused" });
      expect((refused as { message: string }).message).toMatch(message);
    }
    expect(await decide(director("dir-2", "hematology/oncology"))).toEqual({
      ok: true,
      status: "appeal-overturned",
      version: 4,
    });
    const request = (await findRequest(t.db, reference))!;
    expect(await authorizationOf(t.db, request.id)).toMatchObject({
      cpt: "38242",
      issuedBy: "dir-2",
      validFrom: FUTURE_SERVICE_DATE,
    });
  });

  it("stores files sent with the submission itself, and keeps every file append-only", async () => {
    const result = await submitRequest(t.db, "doc-1", SAMPLE_SUBMISSION, SAMPLE_POLICY, SUBMITTED, {
      attachments: [PDF],
    });
    const reference = (result as { reference: string }).reference;
    const { history } = await rows(reference);
    expect(history.submitted.map((f) => [f.name, f.size])).toEqual([
      ["chimerism.pdf", PDF.data.byteLength],
    ]);
    await expect(t.db.kysely.deleteFrom("attachments").execute()).rejects.toThrow(/append-only/);
  });
});
