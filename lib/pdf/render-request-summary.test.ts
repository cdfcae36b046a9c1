import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPassage, plainText } from "@/lib/policy/engine/passages";
import {
  decideRequest,
  decisionsFor,
  findRequest,
  submitRequest,
  type StoredRequest,
} from "@/lib/requests/repository";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { pdfText } from "@/test/pdf-text";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { renderRequestSummary } from "./render-request-summary";

const SUBMISSION = {
  ...SAMPLE_SUBMISSION,
  patientName: "Nguyễn Thị Łucja",
  memberId: "M-PDF-7731",
};

// Text extraction joins lines and may break a line anywhere; compare words only.
const words = (text: string) => text.replace(/\s+/g, " ").trim();

const [, openSqlite] = ENGINES[0]!;

describe("the PDF summary of a stored request", () => {
  let t: TestDatabase;
  let request: StoredRequest;
  beforeAll(async () => {
    t = await openSqlite();
    const submitted = await submitRequest(
      t.db,
      "physician-1",
      SUBMISSION,
      SAMPLE_POLICY,
      new Date("2026-11-26T10:00:00.000Z"),
    );
    if (!submitted.ok) throw new Error("the sample request must be complete");
    request = (await findRequest(t.db, submitted.reference))!;
  });
  afterAll(async () => {
    await t.drop();
  });

  it("is a PDF holding the particulars, the determination, the trace and the cited passages quoted", async () => {
    const pdf = await renderRequestSummary(
      request,
      SAMPLE_POLICY,
      [],
      new Date("2026-11-26T11:30:00.000Z"),
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = words((await pdfText(pdf)).join(" "));

    for (const expected of [
      `Prior authorization request ${request.reference}`,
      "Nguyễn Thị Łucja",
      "M-PDF-7731",
      "Dr. Grace Hopper (NPI 1234567893)",
      "2026-12-01",
      "Expedited (72 hours)",
      "Submitted 2026-11-26 10:00 UTC",
      "Generated 2026-11-26 11:30 UTC",
      "Medical Coverage Policy 0261",
      "version 2021-07-15",
      "Medically necessary",
      "Not decided yet.",
      "Relapse 9 months after allogeneic HSCT.",
      "Answer: Chronic myelogenous leukemia (CML)",
    ])
      expect(text).toContain(expected);
    for (const id of request.evaluation.decidedBy.cites)
      expect(text).toContain(words(plainText(getPassage(SAMPLE_POLICY, id))));
  });

  it("carries the reviewer's decision and rationale once there is one", async () => {
    const decided = await decideRequest(t.db, {
      reference: request.reference,
      expectedVersion: request.version,
      action: "deny",
      rationale: "Donor chimerism report missing; see attached letter.",
      reviewerId: "reviewer-1",
    });
    expect(decided.ok).toBe(true);
    const pdf = await renderRequestSummary(
      request,
      SAMPLE_POLICY,
      await decisionsFor(t.db, request.reference),
    );
    const text = words((await pdfText(pdf)).join(" "));
    expect(text).toContain("Denied (not certified) · X12 278 code A3");
    expect(text).toContain("Rationale: Donor chimerism report missing; see attached letter.");
    expect(text).not.toContain("Not decided yet.");
  });
});
