import { describe, expect, it } from "vitest";
import type { ClaimResponse } from "@medplum/fhirtypes";
import type { RequestState } from "@/lib/request-model/state-machine";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { parseSubmission } from "@/lib/server/parse-submission";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import {
  claimResponse,
  REVIEW_ACTION,
  responseBundle,
  responseEntries,
  X12_306,
} from "./claim-response";
import { pasRequestBundle } from "./request-bundle";
import { mapSubmitBundle } from "./submit-bundle";
import { r4Errors } from "@/test/r4-errors";

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

type LooseResource = Record<string, unknown> & { resourceType: string };
type LooseBundle = Record<string, unknown> & {
  entry: { fullUrl: string; resource: LooseResource }[];
};

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const bundleOf = (overrides: Partial<typeof SAMPLE_SUBMISSION> = {}, cpt = "38242") =>
  pasRequestBundle(SAMPLE_POLICY, BASE, {
    ...SAMPLE_SUBMISSION,
    ...overrides,
    answers: overrides.answers ?? SAMPLE_SUBMISSION.answers,
    cpt,
    transactionId: "T-1",
    claimId: "C-1",
    uuid,
    timestamp: "2026-11-26T10:00:00Z",
  }) as unknown as LooseBundle;

/** The refusal's FHIRPath expressions and messages. */
function refusal(body: unknown) {
  const mapped = mapSubmitBundle(body, registry, BASE);
  expect(mapped.ok).toBe(false);
  return (
    mapped as { ok: false; problems: { issues: { expression?: string[]; diagnostics?: string }[] } }
  ).problems.issues.map((i) => `${i.expression?.[0]} — ${i.diagnostics}`);
}
type Claimish = Record<string, unknown> & { item: unknown[] };
const claimOf = (b: ReturnType<typeof bundleOf>) => b.entry[0]!.resource as unknown as Claimish;

describe("PAS request Bundle → the form's submission (PAS STU 2.0.1 §Prior Authorization Submission)", () => {
  it("maps every field of the submission, and back: the same submission the form would make", () => {
    const bundle = bundleOf();
    expect(r4Errors(bundle)).toEqual([]);
    const mapped = mapSubmitBundle(bundle, registry, BASE);
    expect(mapped.ok).toBe(true);
    const { input, policy, cpt, parts } = (mapped as Extract<typeof mapped, { ok: true }>).value;
    expect(input).toEqual({
      ...SAMPLE_SUBMISSION,
      policyId: "coverage-policy-0261",
      retrospective: false,
    });
    expect([policy.id, policy.version, cpt]).toEqual([
      "coverage-policy-0261",
      "2021-07-15",
      "38242",
    ]);
    expect(parts.bundleIdentifier).toBe("urn:oid:2.16.840.1.113883.3.9999.1.transaction|T-1");
    expect(parts.claimIdentifier).toBe("urn:oid:2.16.840.1.113883.3.9999.1.claim|C-1");
    const parsed = parseSubmission(input);
    expect(parsed.ok && parsed.submission).toEqual({
      ...SAMPLE_SUBMISSION,
      policyId: "coverage-policy-0261",
      retrospective: false,
    });
  });

  it("takes a Claim for a service already given as a retrospective request: PAS has no other way to say so", () => {
    const mapped = mapSubmitBundle(bundleOf({ serviceDate: "2025-06-01" }), registry, BASE);
    expect(mapped.ok && mapped.value.input).toMatchObject({
      serviceDate: "2025-06-01",
      retrospective: true,
    });
    const parsed = parseSubmission((mapped as Extract<typeof mapped, { ok: true }>).value.input);
    expect(parsed.ok && parsed.submission.retrospective).toBe(true);
  });

  it("reads urgency from Claim.priority (stat: expedited) and no notes as empty notes", () => {
    const mapped = mapSubmitBundle(
      bundleOf({ urgency: "standard", clinicalNotes: "" }),
      registry,
      BASE,
    );
    expect(mapped.ok && mapped.value.input).toMatchObject({
      urgency: "standard",
      clinicalNotes: "",
    });
  });

  it("refuses what is not a PAS request Bundle, naming each problem by FHIRPath", () => {
    expect(refusal({ resourceType: "Claim" })).toEqual([
      "Bundle — Bundle: the body must be a PAS Bundle (resourceType Bundle)",
    ]);
    const b = bundleOf();
    const problems = refusal({
      ...b,
      type: "transaction",
      identifier: undefined,
      timestamp: undefined,
    });
    expect(problems.map((p) => p.split(" — ")[0])).toEqual([
      "Bundle.type",
      "Bundle.identifier",
      "Bundle.timestamp",
    ]);
  });

  it("refuses a Bundle whose first entry is not the Claim, or whose Claim is not a preauthorization", () => {
    const b = bundleOf();
    expect(refusal({ ...b, entry: [...b.entry.slice(1), b.entry[0]] })[0]).toMatch(
      /^Bundle.entry\[0\].resource — .*first entry must be the Claim/,
    );
    const c = bundleOf();
    claimOf(c).use = "claim";
    claimOf(c).status = "draft";
    expect(refusal(c)).toEqual([
      'Bundle.entry[0].resource.use — Bundle.entry[0].resource.use: must be "preauthorization"',
      'Bundle.entry[0].resource.status — Bundle.entry[0].resource.status: must be "active"',
    ]);
  });

  it("refuses a Bundle that misses a required resource: Patient, practitioner's NPI, Coverage, insurer", () => {
    const b = bundleOf();
    const withoutType = (type: string) => ({
      ...b,
      entry: b.entry.filter((e) => e.resource.resourceType !== type),
    });
    expect(refusal(withoutType("Patient")).join("\n")).toMatch(
      /Bundle.entry\[0\].resource.patient.reference — .*not the fullUrl of an entry/,
    );
    expect(refusal(withoutType("Coverage")).join("\n")).toMatch(
      /insurance\[0\].coverage.reference/,
    );
    expect(refusal(withoutType("Organization")).join("\n")).toMatch(/resource.insurer.reference/);
    expect(refusal(withoutType("QuestionnaireResponse")).join("\n")).toMatch(
      /supportingInfo\[0\].valueReference.reference/,
    );
    const noNpi = bundleOf();
    const practitioner = noNpi.entry.find((e) => e.resource.resourceType === "Practitioner")!;
    practitioner.resource.identifier = [{ system: "http://example.org/staff", value: "42" }];
    expect(refusal(noNpi).join("\n")).toMatch(/Bundle.entry\[2\].resource.identifier — .*NPI/);
  });

  it("refuses another service (a transplant, CPT 38240) and more than one item", () => {
    expect(refusal(bundleOf({}, "38240"))).toEqual([
      "Bundle.entry[0].resource.item[0].productOrService — Bundle.entry[0].resource.item[0].productOrService: must be a CPT code (http://www.ama-assn.org/go/cpt) this service reviews: 38242 (Donor lymphocyte infusion (DLI)), 38243 (Hematopoietic progenitor cell (HPC) boost), not 38240",
    ]);
    const two = bundleOf();
    claimOf(two).item = [claimOf(two).item[0], claimOf(two).item[0]];
    expect(refusal(two)[0]).toMatch(/item — .*exactly one item/);
  });

  it("refuses a CPT code that disagrees with the service the answers give", () => {
    expect(refusal(bundleOf({}, "38243"))[0]).toMatch(
      /CPT 38243 is Hematopoietic progenitor cell \(HPC\) boost, but the QuestionnaireResponse answers service = "dli"/,
    );
  });

  it("refuses an invalid QuestionnaireResponse by the FHIRPath of its item in the Bundle", () => {
    const b = bundleOf();
    const qr = b.entry.find((e) => e.resource.resourceType === "QuestionnaireResponse")!;
    const items = qr.resource.item as {
      linkId: string;
      answer: { valueCoding?: { code: string } }[];
    }[];
    const i = items.findIndex((item) => item.linkId === "diagnosis");
    items[i]!.answer[0]!.valueCoding!.code = "flu";
    qr.resource.questionnaire = "http://elsewhere.example/Questionnaire/x";
    const problems = refusal(b);
    expect(problems.some((p) => p.startsWith("Bundle.entry[6].resource.questionnaire — "))).toBe(
      true,
    );
    expect(
      problems.some((p) =>
        p.startsWith(`Bundle.entry[6].resource.item[${i}].answer[0].valueCoding.code — `),
      ),
    ).toBe(true);
  });

  it("leaves the NPI check digit, dates and name to the form's own validation, mapped back to FHIRPath", () => {
    const mapped = mapSubmitBundle(
      bundleOf({ npi: "1234567890", patientBirthDate: "2999-01-01" }),
      registry,
      BASE,
    );
    expect(mapped.ok).toBe(true);
    const parsed = parseSubmission((mapped as Extract<typeof mapped, { ok: true }>).value.input);
    expect(parsed.ok).toBe(false);
    const { pathOf } = (mapped as Extract<typeof mapped, { ok: true }>).value;
    expect(Object.keys((parsed as { errors: object }).errors).sort()).toEqual([
      "npi",
      "patientBirthDate",
      "serviceDate",
    ]);
    expect(pathOf.serviceDate).toBe("Bundle.entry[0].resource.item[0].servicedDate");
    expect(pathOf.npi).toBe("Bundle.entry[2].resource.identifier[0].value");
    expect(pathOf.patientBirthDate).toBe("Bundle.entry[1].resource.birthDate");
  });
});

describe("stored request → PAS response Bundle (PAS STU 2.0.1 profile-pas-response-bundle, profile-claimresponse)", () => {
  const evaluation = evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers);
  const denied = evaluate(SAMPLE_POLICY, {
    service: "dli",
    diagnosis: "cml",
    dliIndication: "relapsed",
    priorTransplant: "none",
  });
  const input = (
    status: RequestState,
    decision?: { action: string; rationale: string; decidedAt: string },
  ) => ({
    request: {
      ...SAMPLE_SUBMISSION,
      reference: "R-2026-123456",
      status,
      submittedAt: "2026-11-26T10:00:00.000Z",
      dueAt: "2026-11-29T10:00:00.000Z",
      evaluation: status === "denied" ? denied : evaluation,
      policyVersion: "2021-07-15",
    },
    origin: {
      claimIdentifier: "urn:oid:1.2|C-1",
      patientFullUrl: "http://ehr.example/fhir/Patient/p1",
      providerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000003",
      insurerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000005",
    },
    decision,
    policy: SAMPLE_POLICY,
    appUrl: "https://pa.example.org",
    claimResponseUrl: "urn:uuid:00000000-0000-5000-8000-000000000099",
  });
  const reviewCode = (cr: ClaimResponse) =>
    cr
      .item![0]!.adjudication![0]!.extension!.find((e) => e.url === REVIEW_ACTION)!
      .extension!.find((e) => e.url === "code")!.valueCodeableConcept!.coding![0];

  it.each([
    ["pending", "A4", "queued"],
    ["more-information", "A4", "queued"],
    ["approved", "A1", "complete"],
    ["denied", "A3", "complete"],
    ["information-received", "A4", "queued"],
    ["appealed", "A3", "complete"],
    ["appeal-upheld", "A3", "complete"],
    ["appeal-overturned", "A1", "complete"],
    ["withdrawn", "C", "complete"],
  ] as const)("%s → X12 306 %s, outcome %s, valid R4", (status, code, outcome) => {
    const bundle = responseBundle(
      responseEntries(
        input(
          status,
          status === "pending"
            ? undefined
            : { action: status, rationale: "Reviewed.", decidedAt: "2026-11-27T08:00:00.000Z" },
        ),
      ),
      "2026-11-27T08:00:00.000Z",
    );
    expect(r4Errors(bundle)).toEqual([]);
    const cr = bundle.entry![0]!.resource as ClaimResponse;
    expect(reviewCode(cr)).toMatchObject({ system: X12_306, code });
    expect(cr.outcome).toBe(outcome);
  });

  it("profile-claimresponse: use preauthorization, status active, preAuthRef our reference, adjudication category submitted, reviewAction extension URL and number", () => {
    const cr = claimResponse(input("pending"));
    expect(cr).toMatchObject({
      resourceType: "ClaimResponse",
      use: "preauthorization",
      status: "active",
      preAuthRef: "R-2026-123456",
      request: { identifier: { system: "urn:oid:1.2", value: "C-1" } },
    });
    const adjudication = cr.item![0]!.adjudication![0]!;
    expect(adjudication.category.coding).toEqual([
      { system: "http://terminology.hl7.org/CodeSystem/adjudication", code: "submitted" },
    ]);
    expect(adjudication.extension![0]!.url).toBe(
      "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction",
    );
    expect(
      adjudication.extension![0]!.extension!.find((e) => e.url === "number")!.valueString,
    ).toBe("R-2026-123456");
  });

  it("profile-pas-response-bundle: type collection, timestamp, the ClaimResponse first, every reference resolved inside, echoed under the request's fullUrls", () => {
    const bundle = responseBundle(responseEntries(input("pending")), "2026-11-26T10:00:00.000Z");
    expect(bundle.type).toBe("collection");
    expect(bundle.entry![0]!.resource!.resourceType).toBe("ClaimResponse");
    const urls = bundle.entry!.map((e) => e.fullUrl);
    const cr = bundle.entry![0]!.resource as ClaimResponse;
    expect(urls).toContain(cr.patient.reference);
    expect(urls).toContain(cr.insurer!.reference);
    expect(cr.patient.reference).toBe("http://ehr.example/fhir/Patient/p1");
    expect(bundle.entry![1]!.resource).toMatchObject({ resourceType: "Patient", id: "p1" });
  });

  it("a denial carries the deciding gate's reason and the policy passages it cites, and the reviewer's rationale", () => {
    const cr = claimResponse(
      input("denied", {
        action: "deny",
        rationale: "No prior HSCT on record.",
        decidedAt: "2026-11-27T08:00:00.000Z",
      }),
    );
    const [reason, rationale] = cr.processNote!;
    expect(reason!.text).toContain(
      `gate ${denied.decidedBy.step} (${denied.decidedBy.title}): ${denied.decidedBy.reason}`,
    );
    for (const id of denied.decidedBy.cites) expect(reason!.text).toContain(`#${id})`);
    expect(rationale!.text).toBe("Reviewer's rationale: No prior HSCT on record.");
    expect(cr.item![0]!.noteNumber).toEqual([1, 2]);
  });
});
