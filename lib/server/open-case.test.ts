import { beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "@/lib/audit/audit-log";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import { StoredAnswersError } from "@/lib/requests/stored-answers";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { openCase } from "./open-case";

const OWNER = { id: "physician-1", role: "physician" as const };
const OTHER = { id: "physician-2", role: "physician" as const };
const REVIEWER = { id: "rev-a", role: "reviewer" as const };

describe.each(ENGINES)("opening a case on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  let reference: string;
  const views = async () =>
    (await auditTrail(t.db, reference)).filter((e) => e.action === "request.viewed");
  beforeAll(async () => {
    const submitted = await submitRequest(t.db, OWNER.id, SAMPLE_SUBMISSION, SAMPLE_POLICY);
    if (!submitted.ok) throw new Error("the sample does not submit");
    reference = submitted.reference;
  });

  it("answers another physician's case exactly like one that does not exist, for every purpose", async () => {
    for (const purpose of ["read", "export"] as const) {
      expect(await openCase(t.db, reference, OTHER, purpose)).toEqual({
        ok: false,
        reason: "not-found",
      });
      expect(await openCase(t.db, "R-2026-999999", OTHER, purpose)).toEqual({
        ok: false,
        reason: "not-found",
      });
    }
    const own = await openCase(t.db, reference, OWNER, "read");
    expect(own.ok && own.case.request).toMatchObject({
      reference,
      answers: SAMPLE_SUBMISSION.answers,
    });
    // Neither physician's read is a reviewer's view.
    expect(await views()).toEqual([]);
  });

  it("writes a reviewer's view row when they read the case, and none when they export it", async () => {
    const read = await openCase(t.db, reference, REVIEWER, "read");
    expect(read.ok && read.case.steps).toContain("approve");
    expect(await views()).toMatchObject([{ actorId: REVIEWER.id }]);
    expect((await openCase(t.db, reference, REVIEWER, "export")).ok).toBe(true);
    expect(await views()).toHaveLength(1);
    // A reference that does not exist leaves no row either.
    await openCase(t.db, "R-2026-999998", REVIEWER, "read");
    expect(
      await t.db.kysely
        .selectFrom("audit_events")
        .select("id")
        .where("request_reference", "=", "R-2026-999998")
        .execute(),
    ).toEqual([]);
  });

  it("refuses stored answers that do not fit the policy's schema, naming the field and never its value", async () => {
    const field = SAMPLE_POLICY.questions.find((q) => q.kind === "number")!.field;
    await t.db.kysely
      .updateTable("requests")
      .set({ answers_json: JSON.stringify({ ...SAMPLE_SUBMISSION.answers, [field]: "ninety" }) })
      .where("reference", "=", reference)
      .execute();
    const opening = openCase(t.db, reference, REVIEWER, "read");
    await expect(opening).rejects.toThrow(StoredAnswersError);
    await expect(opening).rejects.toThrow(new RegExp(`${reference} cannot be read: ${field} `));
    await expect(opening).rejects.not.toThrow(/ninety/);
    // Refused before anything is written in the reviewer's name.
    expect(await views()).toHaveLength(1);

    // Without the policy at hand, a value no answer can take is refused the same way.
    await t.db.kysely
      .updateTable("requests")
      .set({ answers_json: JSON.stringify({ [field]: { nested: "object" } }) })
      .where("reference", "=", reference)
      .execute();
    await expect(findRequest(t.db, reference)).rejects.toThrow(
      new RegExp(`${reference} cannot be read: ${field} `),
    );
    await t.db.kysely
      .updateTable("requests")
      .set({ answers_json: "not json" })
      .where("reference", "=", reference)
      .execute();
    await expect(findRequest(t.db, reference)).rejects.toThrow(/\(body\) is not JSON/);
  });
});
