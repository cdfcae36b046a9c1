import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getPassage, plainText } from "@/lib/policy/engine/passages";
import { caseHistory } from "@/lib/requests/case-history";
import { printableHistory } from "@/lib/requests/history-text";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import type { StoredRequest } from "@/lib/requests/request-row";
import { decideRequest } from "@/lib/requests/transitions";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { director } from "@/test/actors";
import { FUTURE_SERVICE_DATE } from "@/test/dates";
import { pdfText } from "@/test/pdf-text";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { anyPrintedText, PDF_RUNS } from "@/test/any-valid-request";
import { readingOfRequest } from "@/lib/server/reading-of-request";
import { renderRequestSummary } from "./render-request-summary";
import type { SummaryEntry } from "./request-summary-document";
import { breakableWord } from "./breakable-word";

const SUBMISSION = {
  ...SAMPLE_SUBMISSION,
  patientName: "Nguyễn Thị Łucja",
  memberId: "M-PDF-7731",
};

// Text extraction joins lines and may break a line anywhere; compare words only.
const words = (text: string) => text.replace(/\s+/g, " ").trim();

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

const [, openSqlite] = ENGINES[0]!;

// Rendering takes a second or two alone, and much longer beside the rest of the suite.
describe("the PDF summary of a stored request", { timeout: 60_000 }, () => {
  const t = testDatabase(openSqlite, { accounts: true });
  let request: StoredRequest;
  beforeAll(async () => {
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

  it("is a PDF holding the particulars, the determination, the trace and the cited passages quoted", async () => {
    const pdf = await renderRequestSummary(
      request,
      readingOfRequest(request),
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
      FUTURE_SERVICE_DATE,
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
      actor: director("director-1"),
      policy: SAMPLE_POLICY,
    });
    expect(decided.ok).toBe(true);
    const { entries } = await caseHistory(t.db, request.id, request.reference);
    const pdf = await renderRequestSummary(
      request,
      readingOfRequest(request),
      printableHistory(entries, SAMPLE_POLICY),
    );
    const text = words((await pdfText(pdf)).join(" "));
    expect(text).toMatch(/Denied \(not certified\) · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · /);
    // The code is for integrators, apart from the heading.
    expect(text).not.toContain("Denied (not certified) · X12");
    expect(text).toContain("For integrators: X12 278 review action code A3.");
    expect(text).toContain("Donor chimerism report missing; see attached letter.");
    expect(text).not.toContain("Not decided yet.");
  });

  const render = async (changes: Partial<StoredRequest>, history: SummaryEntry[] = []) => {
    const changed = { ...request, ...changes };
    const pdf = await renderRequestSummary(changed, readingOfRequest(changed), history);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    return pdfText(pdf);
  };

  it("prints clinical notes of 300 short lines (2,589 characters) on as many pages as they take", async () => {
    const notes = Array.from({ length: 300 }, (_, i) => `Line ${i}`).join("\n");
    expect(notes).toHaveLength(2_589);
    const rationale = Array.from({ length: 300 }, (_, i) => `Reason ${i}`).join("\n");
    const pages = await render({ clinicalNotes: notes }, [
      { title: "Denied (not certified) · 2026-11-27 09:00 UTC", lines: [rationale] },
    ]);
    expect(pages.length).toBeGreaterThan(10);
    const text = pages.join("\n");
    for (let i = 0; i < 300; i++) {
      expect(text).toMatch(new RegExp(`\\bLine ${i}\\b`));
      expect(text).toMatch(new RegExp(`\\bReason ${i}\\b`));
    }
    // Every page carries the footer, numbered.
    pages.forEach((page, i) => {
      expect(page).toContain("Confidential: contains protected health information");
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("prints a word longer than a line whole, broken across lines", async () => {
    const word = Array.from({ length: 400 }, (_, i) => String(i).padStart(4, "0")).join("");
    const notes = `Accession ${word.slice(0, 3_990)} end`;
    const text = (await render({ clinicalNotes: notes })).join("");
    // The renderer marks each break with a hyphen at the end of the line.
    expect(text.replace(/-\n/g, "").replace(/\s+/g, " ")).toContain(notes);
  });

  it("prints names and notes in the scripts DejaVu Sans covers, and survives the ones it does not", async () => {
    const covered = "Ελληνικά Кириллица Հայերեն ქართული Łódź Ørsted Þórður Nguyễn ǅemal";
    const text = words(
      (await render({ patientName: "Ἀθηνᾶ Παππᾶ-Łukasiewicz", clinicalNotes: covered })).join(" "),
    );
    expect(text).toContain("Ἀθηνᾶ Παππᾶ-Łukasiewicz");
    expect(text).toContain(covered);
    await render({
      patientName: "山田 太郎 👩‍⚕️",
      clinicalNotes:
        "עברית العربية हिन्दी 中文 日本語 한국어 ไทย 🩸 \u202eevil\u202c \u0000 \ud800 \t\f\v",
    });
  });

  it(`renders any valid request: fields at their limits, any text, any decisions and messages (${PDF_RUNS.everyday} seeded cases; ${PDF_RUNS.full} in the full-proof step)`, async () => {
    await fc.assert(
      fc.asyncProperty(anyPrintedText, async ([patientName, clinicalNotes, decisions]) => {
        await render({ patientName, orderingPhysician: patientName, clinicalNotes }, decisions);
      }),
      { numRuns: PDF_RUNS.everyday },
    );
  }, 600_000);
});

describe("breakableWord", () => {
  it("keeps words that fit a line whole, and cuts longer ones on whole characters", () => {
    expect(breakableWord("engraftment")).toEqual(["engraftment"]);
    expect(breakableWord("x".repeat(30))).toEqual(["x".repeat(30)]);
    expect(breakableWord("x".repeat(45))).toEqual(["x".repeat(20), "x".repeat(20), "x".repeat(5)]);
    const emoji = "👩‍⚕️".repeat(12);
    for (const piece of breakableWord(emoji)) expect(piece).toMatch(/^(👩‍⚕️)+$/u);
    expect(breakableWord(emoji).join("")).toBe(emoji);
  });
});
