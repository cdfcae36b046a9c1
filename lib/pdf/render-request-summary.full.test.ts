import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import type { StoredRequest } from "@/lib/requests/request-row";
import { readingOfRequest } from "@/lib/server/reading-of-request";
import { anyPrintedText, PDF_RUNS } from "@/test/any-valid-request";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { pdfText } from "@/test/pdf-text";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { renderRequestSummary } from "./render-request-summary";

// npm test's full-proof step (vitest.full.config.ts): render-request-summary.test.ts's property
// with its full count of cases.

const [, openSqlite] = ENGINES[0]!;

describe("the PDF summary of a stored request", () => {
  const t = testDatabase(openSqlite);
  let request: StoredRequest;
  beforeAll(async () => {
    const submitted = await submitRequest(t.db, "physician-1", SAMPLE_SUBMISSION, SAMPLE_POLICY);
    if (!submitted.ok) throw new Error("the sample request must be complete");
    request = (await findRequest(t.db, submitted.reference))!;
  }, 60_000);
  afterAll(async () => {
    await t.drop();
  }, 60_000);

  it(`renders any valid request: fields at their limits, any text, any decisions and messages (${PDF_RUNS.full} seeded cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(anyPrintedText, async ([patientName, clinicalNotes, decisions]) => {
        const changed = { ...request, patientName, orderingPhysician: patientName, clinicalNotes };
        const pdf = await renderRequestSummary(changed, readingOfRequest(changed), decisions);
        expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        await pdfText(pdf);
      }),
      { numRuns: PDF_RUNS.full },
    );
    // A few seconds a case alone; much longer beside other suites on this 2-core machine.
  }, 900_000);
});
