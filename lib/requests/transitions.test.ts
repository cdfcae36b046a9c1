import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAuth } from "@/lib/auth/auth";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import type { NewAttachment } from "./attachment-store";
import { caseHistory } from "./case-history";
import { findRequest, submitRequest } from "./repository";
import {
  appealRequest,
  decideAppeal,
  decideRequest,
  extendRequest,
  replyToRequest,
  withdrawRequest,
} from "./transitions";

const PDF: NewAttachment = {
  name: "chimerism.pdf",
  contentType: "application/pdf",
  data: new TextEncoder().encode("%PDF-1.4\n% chimerism report\n%%EOF"),
};
const SUBMITTED = new Date("2026-03-01T08:00:00.000Z");
const at = (hours: number) => new Date(SUBMITTED.getTime() + hours * 3_600_000);

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

// The review loop's steps, each one locked transaction, on real databases: what is written when a
// step is taken, and that a refused step writes nothing at all.
describe.each(ENGINES)("the review loop on %s", (_engine, open) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    // The history names people from the accounts table.
    await migrateAuth(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

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
          reviewerId: "rev-1",
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
          reviewerId: "rev-1",
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
      "request.decided",
      "request.replied",
      "request.decided",
    ]);
  });

  it("deny → appeal → the denier is refused, another reviewer overturns: approved on appeal", async () => {
    const reference = await submit("expedited");
    await decideRequest(
      t.db,
      { reference, expectedVersion: 1, action: "deny", rationale: "No.", reviewerId: "rev-1" },
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
      reviewerId: "rev-1",
      outcome: "overturn",
      rationale: "x",
    });
    expect(byDenier).toMatchObject({ ok: false, reason: "refused" });
    expect((byDenier as { message: string }).message).toMatch(/another reviewer must/);
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
        reviewerId: "rev-2",
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
      { reference: late, expectedVersion: 1, action: "deny", rationale: "No.", reviewerId: "r" },
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
      reviewerId: "r",
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
          reviewerId: "rev-1",
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
        reviewerId: "rev-1",
        days: 1,
        reason: "again",
      }),
    ).toMatchObject({ ok: false, reason: "refused" });
    const expedited = await submit("expedited");
    expect(
      await extendRequest(t.db, {
        reference: expedited,
        expectedVersion: 1,
        reviewerId: "rev-1",
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
        reviewerId: "r",
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

  it("a request an EHR sent over PAS cannot be pended (nobody could answer it), and is decided as usual", async () => {
    const reference = await submit("standard", "smart-client:ehr-1");
    const pend = await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the chimerism report.",
      reviewerId: "r",
      criteria: ["Prior transplant"],
    });
    expect(pend).toMatchObject({ ok: false, reason: "refused", status: "pending" });
    if (!pend.ok && pend.reason === "refused") expect(pend.message).toMatch(/over PAS/);
    expect((await rows(reference)).history.entries).toEqual([]);
    expect(
      await decideRequest(t.db, {
        reference,
        expectedVersion: 1,
        action: "deny",
        rationale: "Criteria not met.",
        reviewerId: "r",
      }),
    ).toEqual({ ok: true, status: "denied", version: 2 });
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
