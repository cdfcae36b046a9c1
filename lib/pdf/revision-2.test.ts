import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { pdfText } from "@/test/pdf-text";
import { insertRevision1Request } from "@/test/revision-1-requests";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { renderRequestSummary } from "./render-request-summary";

const words = (text: string) => text.replace(/\s+/g, " ").trim();
const [, openSqlite] = ENGINES[0]!;

// Rendering takes a second or two alone, and much longer beside the rest of the suite.
describe("the PDF under rules revision 2", { timeout: 60_000 }, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openSqlite();
  });
  afterAll(async () => {
    await t.drop();
  });

  const textOf = async (reference: string) =>
    words(
      (
        await pdfText(
          await renderRequestSummary((await findRequest(t.db, reference))!, SAMPLE_POLICY, []),
        )
      ).join(" "),
    );

  it("shows an outside-policy request as a referral, with the reviewer line and the overdue review", async () => {
    const submitted = await submitRequest(
      t.db,
      "physician-1",
      { ...SAMPLE_SUBMISSION, answers: { ...SAMPLE_SUBMISSION.answers, sameDonor: false } },
      SAMPLE_POLICY,
    );
    if (!submitted.ok) throw new Error("a decided case");
    const text = await textOf(submitted.reference);
    for (const expected of [
      "Outside this policy — refer to a medical director",
      SAMPLE_POLICY.determinationNote,
      "Gate 5 (Same cell source as the HSCT)",
      "CPT 38240 allogeneic / 38241 autologous",
      "rules revision 2",
      "The next review date of this policy, June 15, 2022, has passed.",
    ])
      expect(text).toContain(expected);
  });

  it("prints a request stored under revision 1 as it was stored, and says so", async () => {
    await insertRevision1Request(t.db, {
      reference: "R-2025-000001",
      physicianId: "physician-1",
      memberId: "OLD-1",
      case: "hpc-conditioning",
    });
    const text = await textOf("R-2025-000001");
    expect(text).toContain("Not medically necessary — criteria not met");
    expect(text).toContain("Gate 4 (No preparative regimen)");
    expect(text).toContain("rules revision 1");
    expect(text).not.toContain("Outside this policy");
  });
});
