import { describe, expect, it } from "vitest";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import { readingOfRequest } from "@/lib/server/reading-of-request";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { pdfText } from "@/test/pdf-text";
import { insertStoredRequest, REVISION_1_CASES, REVISION_2_CASES } from "@/test/stored-requests";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { renderRequestSummary } from "./render-request-summary";

const words = (text: string) => text.replace(/\s+/g, " ").trim();
const [, openSqlite] = ENGINES[0]!;

// Rendering takes a second or two alone, and much longer beside the rest of the suite.
describe("the PDF under rules revision 3", { timeout: 60_000 }, () => {
  const t = testDatabase(openSqlite);

  const textOf = async (reference: string) => {
    const request = (await findRequest(t.db, reference))!;
    const pdf = await renderRequestSummary(request, readingOfRequest(request), []);
    return words((await pdfText(pdf)).join(" "));
  };

  it("shows an outside-policy request as a referral, with the line under it and the overdue review", async () => {
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
      "This is how the policy reads these answers; it is not the coverage decision.",
      "Same cell source as the HSCT (gate 5)",
      // r3: a DLI from another donor is referred with the DLI's own reason, not as a transplant.
      "Lymphocytes from anyone other than the HSCT donor",
      "rules revision 3",
      "The next review date of this policy, June 15, 2022, has passed.",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("Read again under rules revision");
  });

  it("prints the help shown for this case only: a DLI's regimen help, not the boost's", async () => {
    const submitted = await submitRequest(t.db, "physician-1", SAMPLE_SUBMISSION, SAMPLE_POLICY);
    if (!submitted.ok) throw new Error("a decided case");
    const text = await textOf(submitted.reference);
    expect(text).toContain("cytoreduction, hypomethylating or targeted agents");
    expect(text).not.toContain("Reinduction chemotherapy given days to weeks earlier");
  });

  it("prints a request stored under revision 1 as it was stored, with today's reading beside it", async () => {
    await insertStoredRequest(t.db, {
      reference: "R-2025-000001",
      physicianId: "physician-1",
      memberId: "OLD-1",
      stored: REVISION_1_CASES["hpc-conditioning"],
    });
    const text = await textOf("R-2025-000001");
    expect(text).toContain("Not medically necessary — criteria not met");
    expect(text).toContain("No preparative regimen (gate 4)");
    expect(text).toContain("rules revision 1");
    expect(text).toContain(
      "Read again under rules revision 3: Outside this policy — refer to a medical director",
    );
    expect(text).toContain("Rules revision 2 reads a conditioning regimen as a transplant");
  });

  it("prints a request stored under revision 2 with the revision-3 reading beside it, and why", async () => {
    await insertStoredRequest(t.db, {
      reference: "R-2025-000002",
      physicianId: "physician-1",
      memberId: "OLD-2",
      stored: REVISION_2_CASES["hpc-autologous-enhance-chimerism"],
    });
    const text = await textOf("R-2025-000002");
    expect(text).toContain("Reading at submission Not medically necessary — criteria not met");
    expect(text).toContain(
      "Read again under rules revision 3: Incomplete — the next question that decides it",
    );
    expect(text).toContain(
      "This differs from the determination stored at submission: Not medically necessary — criteria not met then (rules revision 2)",
    );
    expect(text).toContain(
      "Rules revision 3 does not offer “Enhance chimerism” after an autologous HSCT",
    );
  });
});
