import { describe, expect, it } from "vitest";
import type { Bundle, ClaimResponse } from "@medplum/fhirtypes";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { MAX_ATTACHMENT_BYTES } from "@/lib/request-model/attachment-check";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { SAMPLE_PDF, withDiagnoses, withDocuments } from "@/test/ehr-samples";
import {
  ITEM_PREAUTH_ISSUE_DATE,
  ITEM_PREAUTH_PERIOD,
  itemAuthorization,
  REVIEW_ACTION,
  responseBundle,
  responseEntries,
} from "./claim-response";
import { diagnosisFlagText } from "./diagnosis-flags";
import { pasRequestBundle } from "./request-bundle";
import { mapSubmitBundle } from "./submit-bundle";
import { r4Errors } from "@/test/r4-errors";

// Issue 20, items 4 and 6: the pure mappings (files and diagnosis codes of a PAS Claim; the
// authorization an approved item carries).

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

let n = 0;
const bundle = (): Bundle =>
  pasRequestBundle(SAMPLE_POLICY, BASE, {
    ...SAMPLE_SUBMISSION,
    cpt: "38242",
    transactionId: "T-1",
    claimId: "C-1",
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const problemsOf = (body: unknown) => {
  const mapped = mapSubmitBundle(body, registry, BASE);
  return mapped.ok ? [] : mapped.problems.issues.map((i) => i.diagnostics!);
};

describe("PAS Claim.supportingInfo DocumentReferences → the request's files (checked as uploads are)", () => {
  it("reads a PDF in the Bundle and a PNG contained in the Claim, named by the type their bytes are", () => {
    const mapped = mapSubmitBundle(
      withDocuments(bundle(), [
        { title: "pathology report", contentType: "application/pdf", data: SAMPLE_PDF },
        { title: "marrow.png", data: PNG, contained: true },
      ]),
      registry,
      BASE,
    );
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(
      mapped.value.attachments.map((a) => ({
        name: a.name,
        contentType: a.contentType,
        bytes: Array.from(a.data),
      })),
    ).toEqual([
      {
        name: "pathology report.pdf",
        contentType: "application/pdf",
        bytes: Array.from(SAMPLE_PDF),
      },
      { name: "marrow.png", contentType: "image/png", bytes: Array.from(PNG) },
    ]);
  });

  it("a Claim without DocumentReferences carries no files", () => {
    const mapped = mapSubmitBundle(bundle(), registry, BASE);
    expect(mapped.ok && mapped.value.attachments).toEqual([]);
  });

  it("refuses the whole submission for a file that is not a PDF, PNG or JPEG, naming where it is", () => {
    const problems = problemsOf(
      withDocuments(bundle(), [
        { title: "ok.pdf", data: SAMPLE_PDF },
        { title: "run.exe", data: new TextEncoder().encode("MZ\x90\x00 not a document") },
      ]),
    );
    expect(problems).toEqual([
      "Bundle.entry[8].resource.content[0].attachment.data: run.exe is not a PDF, PNG or JPEG file (judged by its content).",
    ]);
  });

  it("refuses a PDF named .exe, a declared type the bytes contradict, a wrong size, bad base64, an empty file", () => {
    expect(
      problemsOf(withDocuments(bundle(), [{ title: "report.exe", data: SAMPLE_PDF }])),
    ).toEqual([
      "Bundle.entry[7].resource.content[0].attachment.data: report.exe holds a PDF but is named .exe: rename it, or send the right file.",
    ]);
    expect(
      problemsOf(withDocuments(bundle(), [{ contentType: "image/png", data: SAMPLE_PDF }])),
    ).toEqual([
      'Bundle.entry[7].resource.content[0].attachment.contentType: says "image/png", but the data is application/pdf (judged by its content)',
    ]);
    const sized = withDocuments(bundle(), [{ data: SAMPLE_PDF }]) as unknown as {
      entry: { resource: { content: { attachment: Record<string, unknown> }[] } }[];
    };
    sized.entry[7]!.resource.content[0]!.attachment.size = 3;
    expect(problemsOf(sized)).toEqual([
      `Bundle.entry[7].resource.content[0].attachment.size: says 3 bytes, but the data holds ${SAMPLE_PDF.length}`,
    ]);
    sized.entry[7]!.resource.content[0]!.attachment.data = "%PDF not base64!";
    expect(problemsOf(sized)).toEqual([
      "Bundle.entry[7].resource.content[0].attachment.data: is not base64 text",
    ]);
    expect(
      problemsOf(withDocuments(bundle(), [{ title: "blank.pdf", data: new Uint8Array(0) }])),
    ).toEqual(["Bundle.entry[7].resource.content[0].attachment.data: blank.pdf is empty."]);
  });

  it("refuses a file over 10 MB by its size, and more than five files", () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(SAMPLE_PDF);
    expect(problemsOf(withDocuments(bundle(), [{ title: "scan.pdf", data: big }]))).toEqual([
      "Bundle.entry[7].resource.content[0].attachment.data: scan.pdf is 10.0 MB; a file may be at most 10 MB.",
    ]);
    expect(
      problemsOf(
        withDocuments(
          bundle(),
          Array.from({ length: 6 }, () => ({ data: SAMPLE_PDF })),
        ),
      ),
    ).toEqual([
      "Bundle.entry[0].resource.supportingInfo: A message may carry at most 5 files; 6 were chosen.",
    ]);
  });

  it("never fetches a url: an attachment must carry its data", () => {
    expect(
      problemsOf(
        withDocuments(bundle(), [{ url: "https://ehr.example/files/1", contained: true }]),
      ),
    ).toEqual([
      "Bundle.entry[0].resource.contained[0].content[0].attachment.data: is required: send the file's bytes in attachment.data (base64); a url is never fetched",
    ]);
  });

  it("refuses a contained reference that names nothing, or a contained resource that is not a DocumentReference", () => {
    const b = withDocuments(bundle(), [{ data: SAMPLE_PDF, contained: true }]) as unknown as {
      entry: { resource: { contained: Record<string, unknown>[] } }[];
    };
    b.entry[0]!.resource.contained[0]!.resourceType = "Binary";
    expect(problemsOf(b)).toEqual([
      'Bundle.entry[0].resource.supportingInfo[2].valueReference.reference: a contained resource here must be a DocumentReference, not "Binary"',
    ]);
    b.entry[0]!.resource.contained[0]!.id = "elsewhere";
    expect(problemsOf(b)).toEqual([
      'Bundle.entry[0].resource.supportingInfo[2].valueReference.reference: "#doc-1" names no contained resource of the Claim',
    ]);
  });
});

describe("PAS Claim.diagnosis → flags for the reviewer (codes propose, they do not decide)", () => {
  it("a code that points to another diagnosis than the answers is a flag, not a refusal; the answers stand", () => {
    // SAMPLE_SUBMISSION answers CML; C92.00 is acute myeloblastic leukemia.
    const mapped = mapSubmitBundle(withDiagnoses(bundle(), ["C92.00"]), registry, BASE);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.value.input.answers).toEqual(SAMPLE_SUBMISSION.answers);
    expect(mapped.value.diagnosisFlags).toHaveLength(1);
    const [flag] = mapped.value.diagnosisFlags;
    expect(flag).toMatchObject({
      field: "diagnosis",
      codes: [{ code: "C92.00", title: "Acute myeloblastic leukemia" }],
    });
    const text = diagnosisFlagText(flag!);
    expect(text).toContain("C92.00 “Acute myeloblastic leukemia”");
    expect(text).toContain(`but the answers say “${flag!.answered}”`);
    expect(flag!.answered).not.toBe(flag!.proposed);
  });

  it("a code that agrees, a code the package does not read, or no diagnosis: no flag", () => {
    for (const codes of [["C92.10"], ["Z00.00"], []]) {
      const mapped = mapSubmitBundle(withDiagnoses(bundle(), codes), registry, BASE);
      expect(mapped.ok && mapped.value.diagnosisFlags).toEqual([]);
    }
  });
});

describe("the authorization an approved PAS item carries (itemPreAuthPeriod, itemPreAuthIssueDate, the number)", () => {
  const authorization = {
    number: "A-2026-4411223",
    validFrom: "2026-12-20",
    validTo: "2027-03-19",
    issuedAt: "2026-12-05T09:30:00.000Z",
  };

  it("approved (A1): the issue date, the period and the authorization number; otherwise none", () => {
    expect(itemAuthorization("approved", "R-2026-123456", authorization)).toEqual({
      extension: [
        { url: ITEM_PREAUTH_ISSUE_DATE, valueDate: "2026-12-05" },
        { url: ITEM_PREAUTH_PERIOD, valuePeriod: { start: "2026-12-20", end: "2027-03-19" } },
      ],
      number: "A-2026-4411223",
    });
    expect(itemAuthorization("appeal-overturned", "R-2026-123456", authorization).number).toBe(
      "A-2026-4411223",
    );
    for (const status of ["pending", "denied", "withdrawn", "appealed"] as const)
      expect(itemAuthorization(status, "R-2026-123456", authorization)).toEqual({
        extension: [],
        number: "R-2026-123456",
      });
    expect(itemAuthorization("approved", "R-2026-123456", undefined)).toEqual({
      extension: [],
      number: "R-2026-123456",
    });
  });

  it("an approved response Bundle carries them on the item and is valid R4; preAuthRef stays the reference", () => {
    const entries = responseEntries({
      request: {
        ...SAMPLE_SUBMISSION,
        reference: "R-2026-123456",
        status: "approved",
        submittedAt: "2026-11-26T10:00:00.000Z",
        dueAt: "2026-11-29T10:00:00.000Z",
        evaluation: evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers),
        policyVersion: "2021-07-15",
      },
      origin: {
        claimIdentifier: "urn:oid:1.2|C-1",
        patientFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000002",
        providerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000003",
        insurerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000005",
      },
      decision: {
        action: "approve",
        rationale: "Meets 0261.",
        decidedAt: "2026-12-05T09:30:00.000Z",
      },
      authorization,
      policy: SAMPLE_POLICY,
      appUrl: "https://pa.example.org",
      claimResponseUrl: "urn:uuid:00000000-0000-5000-8000-000000000099",
    });
    const response = responseBundle(entries, "2026-12-05T09:30:00.000Z");
    expect(r4Errors(response)).toEqual([]);
    const cr = entries[0]!.resource as ClaimResponse;
    expect(cr.preAuthRef).toBe("R-2026-123456");
    expect(cr.item![0]!.extension).toEqual(
      itemAuthorization("approved", "R-2026-123456", authorization).extension,
    );
    const action = cr.item![0]!.adjudication![0]!.extension!.find((e) => e.url === REVIEW_ACTION)!;
    expect(action.extension!.find((e) => e.url === "number")!.valueString).toBe("A-2026-4411223");
  });
});
