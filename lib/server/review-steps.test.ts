import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { caseHistory } from "@/lib/requests/case-history";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import type { ReceivedFile } from "@/lib/requests/read-attachments";
import type { StepActor } from "@/lib/requests/transitions";
import { director, reviewer } from "@/test/actors";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import {
  REVIEW_STEP_NAMES,
  reviewStepRefusal,
  takeReviewStep,
  type ReviewStepName,
} from "./review-steps";

const PHYSICIAN: StepActor = { id: "doc-1", role: "physician" };
const PDF = new TextEncoder().encode("%PDF-1.4\n% chimerism report\n%%EOF");
const FILE: ReceivedFile = { name: "chimerism.pdf", size: PDF.length, data: PDF };
const REACHED = reachedCriteria(evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers));

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

// Every step of the review loop by the name the API and the forms post it under, with the fields
// as a form sends them (text, numbers as strings): the table reaches the state machine's step and
// its write, and the refusal given before the body is read is the one the step itself gives.
describe.each(ENGINES)("the review-step table on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });

  async function submit() {
    const result = await submitRequest(
      t.db,
      PHYSICIAN.id,
      { ...SAMPLE_SUBMISSION, urgency: "standard" },
      SAMPLE_POLICY,
    );
    if (!result.ok) throw new Error("not stored");
    return result.reference;
  }

  it("walks a case through every step by its posted name, files only where a step takes them", async () => {
    const reference = await submit();
    // [who, step, fields, files, the state it leads to]
    const walk: [StepActor, ReviewStepName, Record<string, unknown>, ReceivedFile[], string][] = [
      [
        reviewer(),
        "decision",
        { action: "request-information", rationale: "The chimerism?", criteria: [REACHED[0]] },
        [],
        "more-information",
      ],
      [PHYSICIAN, "reply", { text: "Attached." }, [FILE], "information-received"],
      [
        reviewer(),
        "extension",
        { days: "3", reason: "Waiting on the lab." },
        [],
        "information-received",
      ],
      [director(), "decision", { action: "deny", rationale: "Not met." }, [], "denied"],
      [PHYSICIAN, "appeal", { reason: "Read the report." }, [FILE], "appealed"],
      [
        director("director-2"),
        "appeal-decision",
        { outcome: "overturn", rationale: "The report shows it." },
        [],
        "appeal-overturned",
      ],
    ];
    for (const [version, [actor, name, fields, files, status]] of walk.entries()) {
      const expectedVersion = String(version + 1);
      expect(await reviewStepRefusal(t.db, actor, reference, name)).toBeNull();
      expect(
        await takeReviewStep(t.db, actor, reference, name, { expectedVersion, ...fields }, files),
      ).toEqual({ ok: true, status, version: version + 2 });
    }
    const request = (await findRequest(t.db, reference))!;
    const { entries } = await caseHistory(t.db, request.id, reference);
    expect(entries.flatMap((e) => ("attachments" in e ? e.attachments : [])).length).toBe(2);
  });

  it("refuses a wrong message with every issue, and writes nothing", async () => {
    const reference = await submit();
    const cases: [ReviewStepName, Record<string, unknown>, ReceivedFile[], string[]][] = [
      ["withdrawal", { expectedVersion: "1", reason: "Changed plan." }, [FILE], ["files"]],
      [
        "extension",
        { expectedVersion: "1", days: "30", colour: "red" },
        [],
        ["days", "reason", "colour"],
      ],
      [
        "decision",
        { expectedVersion: "1", action: "approve", rationale: "Met.", documents: [] },
        [],
        ["documents"],
      ],
      [
        "reply",
        { expectedVersion: "1", text: "x" },
        [{ ...FILE, name: "report.exe" }],
        ["files.0"],
      ],
    ];
    for (const [name, fields, files, paths] of cases) {
      const actor = name === "withdrawal" || name === "reply" ? PHYSICIAN : reviewer();
      const outcome = await takeReviewStep(t.db, actor, reference, name, fields, files);
      expect(
        outcome.ok ? [] : "issues" in outcome ? outcome.issues.map((i) => i.path) : outcome,
      ).toEqual(paths);
    }
    expect(await findRequest(t.db, reference)).toMatchObject({ status: "pending", version: 1 });
  });

  it.each(REVIEW_STEP_NAMES)(
    "%s on a withdrawn request: refused before the body is read as the step itself refuses it",
    async (name) => {
      const reference = await submit();
      await takeReviewStep(
        t.db,
        PHYSICIAN,
        reference,
        "withdrawal",
        { expectedVersion: "1", reason: "Changed plan." },
        [],
      );
      const fields: Record<ReviewStepName, [StepActor, Record<string, unknown>]> = {
        decision: [director(), { action: "approve", rationale: "Met." }],
        reply: [PHYSICIAN, { text: "Attached." }],
        withdrawal: [PHYSICIAN, { reason: "Again." }],
        extension: [reviewer(), { days: "3", reason: "Waiting on the lab." }],
        appeal: [PHYSICIAN, { reason: "Read it again." }],
        "appeal-decision": [director(), { outcome: "uphold", rationale: "Not met." }],
      };
      const [actor, body] = fields[name];
      const before = await reviewStepRefusal(t.db, actor, reference, name);
      expect(before).toMatchObject({ ok: false, reason: "refused", status: "withdrawn" });
      expect(
        await takeReviewStep(t.db, actor, reference, name, { expectedVersion: "2", ...body }, []),
      ).toEqual(before);
    },
  );
});
