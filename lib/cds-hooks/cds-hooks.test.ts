import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4";
import { describe, expect, it } from "vitest";
import type { Extension } from "@medplum/fhirtypes";
import { coverageCard } from "./card";
import {
  COVERAGE_INFORMATION,
  coverageInformation,
  type CoverageAssertion,
} from "./coverage-information";
import { parseHookRequest } from "./hook-request";
import { activeCoverage, ehrCodes } from "./prefetch";
import { CDS_SERVICES, cdsService, discovery } from "./services";
import { r4Errors } from "@/test/r4-errors";

const sign = cdsService("coverage-order-sign")!;
const select = cdsService("coverage-order-select")!;
const order = (id: string, cpt: string) => ({
  resourceType: "ServiceRequest",
  id,
  status: "draft",
  intent: "order",
  code: { coding: [{ system: "http://www.ama-assn.org/go/cpt", code: cpt }] },
  subject: { reference: "Patient/p1" },
});
const hookBody = (overrides: Record<string, unknown> = {}) => ({
  hook: "order-sign",
  hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
  context: {
    userId: "Practitioner/dr1",
    patientId: "p1",
    draftOrders: {
      resourceType: "Bundle",
      type: "collection",
      entry: [{ resource: order("o1", "38242") }],
    },
  },
  ...overrides,
});

describe("CDS Hooks 2.0 discovery", () => {
  it("lists order-select and order-sign with prefetch templates and CRD's coverage-info option", () => {
    const { services } = discovery();
    expect(services.map((s) => [s.id, s.hook])).toEqual([
      ["coverage-order-select", "order-select"],
      ["coverage-order-sign", "order-sign"],
    ]);
    for (const s of services) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(Object.keys(s.prefetch)).toEqual(["coverage", "conditions", "procedures"]);
      for (const template of Object.values(s.prefetch))
        expect(template).toContain("{{context.patientId}}");
      expect(s.extension["davinci-crd.configuration-options"][0]).toMatchObject({
        code: "coverage-info",
        type: "boolean",
        default: true,
      });
    }
    expect(CDS_SERVICES.every((s) => /^[a-z-]+$/.test(s.id))).toBe(true);
  });
});

describe("hook requests are checked before anything is read (CDS Hooks 2.0 §HTTP Request)", () => {
  const problems = (service = sign, body: unknown) => {
    const parsed = parseHookRequest(service, body);
    expect(parsed.ok).toBe(false);
    return (parsed as { issues: { expression?: string[] }[] }).issues.map((i) => i.expression![0]);
  };

  it("reads a well-formed order-sign call", () => {
    const parsed = parseHookRequest(sign, hookBody());
    expect(parsed.ok && parsed.call.orders.map((o) => o.reference)).toEqual(["ServiceRequest/o1"]);
  });

  it.each<[string, unknown, string[]]>([
    ["not an object", [], ["(body)"]],
    ["the wrong hook", hookBody({ hook: "order-select" }), ["hook"]],
    ["no hookInstance and no context", { hook: "order-sign" }, ["hookInstance", "context"]],
    [
      "draftOrders not a Bundle",
      hookBody({ context: { userId: "Practitioner/1", patientId: "p1", draftOrders: [] } }),
      ["context.draftOrders"],
    ],
    [
      "a userId that is not a Practitioner",
      hookBody({ context: { ...hookBody().context, userId: "Patient/p1" } }),
      ["context.userId"],
    ],
    [
      "a ServiceRequest without id",
      hookBody({
        context: {
          ...hookBody().context,
          draftOrders: {
            resourceType: "Bundle",
            entry: [{ resource: { resourceType: "ServiceRequest" } }],
          },
        },
      }),
      ["context.draftOrders.entry[0].resource.id"],
    ],
    [
      "a code that is not a CodeableConcept",
      hookBody({
        context: {
          ...hookBody().context,
          draftOrders: {
            resourceType: "Bundle",
            entry: [{ resource: { ...order("o1", "x"), code: "38242" } }],
          },
        },
      }),
      ["context.draftOrders.entry[0].resource.code"],
    ],
    ["prefetch that is not an object", hookBody({ prefetch: "x" }), ["prefetch"]],
  ])("refuses %s", (_what, body, expressions) => {
    expect(problems(sign, body)).toEqual(expressions);
  });

  it("order-select needs selections, and reads only the selected orders", () => {
    expect(problems(select, hookBody({ hook: "order-select" }))).toEqual(["context.selections"]);
    const body = hookBody({ hook: "order-select" }) as { context: Record<string, unknown> };
    body.context.draftOrders = {
      resourceType: "Bundle",
      entry: [{ resource: order("o1", "38242") }, { resource: order("o2", "38243") }],
    };
    body.context.selections = ["ServiceRequest/o2"];
    const parsed = parseHookRequest(select, body);
    expect(parsed.ok && parsed.call.orders.map((o) => o.reference)).toEqual(["ServiceRequest/o2"]);
  });
});

describe("what the prefetch says about the patient", () => {
  const bundle = (...resources: object[]) => ({
    resourceType: "Bundle",
    type: "searchset",
    entry: resources.map((resource) => ({ resource })),
  });
  const condition = (code: string, extra: object = {}) => ({
    resourceType: "Condition",
    subject: { reference: "Patient/p1" },
    clinicalStatus: { coding: [{ code: "active" }] },
    code: { coding: [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code }] },
    ...extra,
  });

  it("reads conditions neither refuted nor entered in error, and completed procedures, of this patient only, with dates and the EHR's text", () => {
    const codes = ehrCodes(
      {
        conditions: bundle(
          condition("C92.10", { onsetDateTime: "2024-03-05T10:00:00Z" }),
          condition("C91.00", { subject: { reference: "Patient/someone-else" } }),
          condition("C81.10", {
            clinicalStatus: { coding: [{ code: "resolved" }] },
            recordedDate: "2019-01-02",
          }),
          condition("C92.01", { clinicalStatus: { coding: [{ code: "remission" }] } }),
          condition("D57.1", { clinicalStatus: undefined }),
          condition("C90.00", { verificationStatus: { coding: [{ code: "refuted" }] } }),
          condition("C93.10", { verificationStatus: { coding: [{ code: "entered-in-error" }] } }),
        ),
        procedures: bundle(
          {
            resourceType: "Procedure",
            status: "completed",
            subject: { reference: "http://ehr/fhir/Patient/p1" },
            performedPeriod: { start: "2023-06-01", end: "2023-06-02" },
            code: {
              coding: [
                { system: "http://www.ama-assn.org/go/cpt", code: "38240", display: "<b>Allo</b>" },
              ],
            },
          },
          {
            resourceType: "Procedure",
            status: "not-done",
            subject: { reference: "Patient/p1" },
            code: { coding: [{ system: "http://www.ama-assn.org/go/cpt", code: "38241" }] },
          },
        ),
      },
      "p1",
    );
    const icd = "http://hl7.org/fhir/sid/icd-10-cm";
    expect(codes).toEqual([
      { resource: "Condition", system: icd, code: "C92.10", date: "2024-03-05", status: "current" },
      { resource: "Condition", system: icd, code: "C81.10", date: "2019-01-02", status: "history" },
      // r3: pre-emptive DLI is given in remission, so a condition in remission is current.
      { resource: "Condition", system: icd, code: "C92.01", date: undefined, status: "current" },
      { resource: "Condition", system: icd, code: "D57.1", date: undefined, status: "history" },
      {
        resource: "Procedure",
        system: "http://www.ama-assn.org/go/cpt",
        code: "38240",
        display: "<b>Allo</b>",
        date: "2023-06-01",
        status: "current",
      },
    ]);
  });

  it("needs exactly one active Coverage of the patient (CRD 2.1 §Hooks: 400 otherwise)", () => {
    const coverage = (id: string, status = "active") => ({
      resourceType: "Coverage",
      id,
      status,
      beneficiary: { reference: "Patient/p1" },
    });
    expect(activeCoverage({ coverage: bundle(coverage("c1")) }, "p1")).toEqual({
      ok: true,
      reference: "Coverage/c1",
    });
    expect(activeCoverage({ coverage: coverage("c1") }, "p1")).toEqual({
      ok: true,
      reference: "Coverage/c1",
    });
    expect(activeCoverage({ coverage: bundle(coverage("c1"), coverage("c2")) }, "p1").ok).toBe(
      false,
    );
    expect(activeCoverage({ coverage: bundle(coverage("c1", "cancelled")) }, "p1").ok).toBe(false);
    expect(activeCoverage({ coverage: null }, "p1").ok).toBe(false);
    expect(activeCoverage({}, "p2").ok).toBe(false);
  });
});

// The invariants of CRD STU 2.1 StructureDefinition-ext-coverage-information, as published.
const INVARIANTS: Record<string, string> = {
  "crd-ci-q1":
    "extension.where(url='questionnaire').exists() implies extension.where(url = 'doc-needed').exists()",
  "crd-ci-q2":
    "extension.where(url = 'covered' and value = 'not-covered').exists() implies extension.where(url = 'pa-needed').exists().not()",
  "crd-ci-q3":
    "extension.where((url = 'covered' or url = 'pa-needed' or url = 'doc-needed') and value = 'conditional').count() >= 1 implies extension.where(url = 'info-needed').exists()",
  "crd-ci-q4":
    "extension.where(url = 'pa-needed' and value = 'satisfied') and extension.where(url = 'doc-purpose').exists() implies extension.where(url = 'doc-purpose').all(value != 'withpa')",
  "crd-ci-q5":
    "extension.where(url = 'pa-needed' and value = 'satisfied').exists() = extension.where(url = 'satisfied-pa-id').exists()",
  "crd-ci-q6":
    "extension.where(url = 'info-needed' and (value = 'Other' or value = 'OTH')).exists() implies extension.where(url = 'reason').exists()",
  "crd-ci-q7":
    "extension.where(url = 'reason').empty() or extension.where(url = 'reason').value.text.exists()",
};

describe("the CRD coverage-information extension (CRD STU 2.1 ext-coverage-information)", () => {
  const assertion = (
    hook: "order-sign" | "order-select",
    priorAuthorization: CoverageAssertion["priorAuthorization"] = "auth-needed",
  ): CoverageAssertion => ({
    hook,
    priorAuthorization,
    coverage: "Coverage/c1",
    cpt: "38242",
    serviceLabel: "Donor lymphocyte infusion (DLI)",
    policyTitle:
      "Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
    policyUrl: "https://pa.example.org/policy",
    questionnaire: "https://pa.example.org/api/fhir/Questionnaire/coverage-policy-0261|2021-07-15",
    assertionId: "a1b2",
    date: "2026-11-26",
  });
  const values = (ext: Extension, url: string) =>
    ext
      .extension!.filter((e) => e.url === url)
      .map(
        (e) =>
          e.valueCode ??
          e.valueCanonical ??
          e.valueString ??
          e.valueDate ??
          e.valueReference?.reference,
      );

  it.each([
    ["order-sign", "auth-needed"],
    ["order-select", "auth-needed"],
    ["order-sign", "no-auth"],
    ["order-select", "no-auth"],
  ] as const)("%s, %s: every invariant crd-ci-q1…q7 holds", (hook, priorAuthorization) => {
    const ext = coverageInformation(assertion(hook, priorAuthorization));
    expect(ext.url).toBe(COVERAGE_INFORMATION);
    const run = (expression: string) =>
      fhirpath.evaluate(ext, { base: "ServiceRequest.extension", expression }, undefined, r4);
    for (const [name, expression] of Object.entries(INVARIANTS))
      if (name === "crd-ci-q4") {
        // As published, its first operand lacks .exists(): empty (not false) unless pa-needed
        // is satisfied. Its intent is checked too, with .exists() written in.
        expect(run(expression), name).not.toEqual([false]);
        const intended = expression.replace("'satisfied')", "'satisfied').exists()");
        expect(run(intended), name).toEqual([true]);
      } else expect(run(expression), name).toEqual([true]);
  });

  it("order-sign: covered conditional, pa-needed auth-needed, doc-needed clinical for the PA, the Questionnaire's canonical, the policy as reason; the 1..1 elements once", () => {
    const ext = coverageInformation(assertion("order-sign"));
    expect(values(ext, "covered")).toEqual(["conditional"]);
    expect(values(ext, "pa-needed")).toEqual(["auth-needed"]);
    expect(values(ext, "doc-needed")).toEqual(["clinical"]);
    expect(values(ext, "doc-purpose")).toEqual(["withpa"]);
    expect(values(ext, "info-needed")).toEqual(["OTH"]);
    expect(values(ext, "questionnaire")).toEqual([
      "https://pa.example.org/api/fhir/Questionnaire/coverage-policy-0261|2021-07-15",
    ]);
    for (const required of ["coverage", "covered", "date", "coverage-assertion-id"])
      expect(values(ext, required), required).toHaveLength(1);
    expect(ext.extension!.find((e) => e.url === "reason")!.valueCodeableConcept!.text).toBe(
      "Medically necessary under Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost when its criteria are met; the plan requires prior authorization for CPT 38242.",
    );
  });

  it("a governed code not on the plan's list: pa-needed no-auth, and no documentation asked for it", () => {
    const ext = coverageInformation(assertion("order-sign", "no-auth"));
    expect(values(ext, "pa-needed")).toEqual(["no-auth"]);
    expect(values(ext, "doc-needed")).toEqual([]);
    expect(values(ext, "questionnaire")).toEqual([]);
    expect(ext.extension!.find((e) => e.url === "reason")!.valueCodeableConcept!.text).toMatch(
      /the plan does not require prior authorization for CPT 38242\.$/,
    );
  });

  it("order-select is a secondary hook: no documentation need, no questionnaire (CRD 2.1 §Hook Categories)", () => {
    const ext = coverageInformation(assertion("order-select"));
    expect(values(ext, "doc-needed")).toEqual([]);
    expect(values(ext, "questionnaire")).toEqual([]);
    expect(values(ext, "pa-needed")).toEqual(["auth-needed"]);
  });

  it("a draft ServiceRequest carrying it is valid R4", () => {
    const resource = {
      ...order("o1", "38242"),
      extension: [coverageInformation(assertion("order-sign"))],
    };
    expect(r4Errors(resource)).toEqual([]);
  });
});

describe("the card (CRD 2.1 §General Card and SystemAction rules)", () => {
  const card = coverageCard({
    order: "ServiceRequest/o1",
    cpt: "38242",
    serviceLabel: "Donor lymphocyte infusion (DLI)",
    policyShortName: "Coverage Policy 0261",
    policyTitle:
      "Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
    publisher: "Cigna",
    policyUrl: "https://pa.example.org/policy",
    launchUrl:
      "https://pa.example.org/ehr-launch?launch=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
    launchMinutes: 15,
    prefilled: ["the service", "the diagnosis"],
    hints: 1,
    reviewOverdueNotice:
      "The next review date of this policy, June 15, 2022, has passed. Check with the plan that this version is still in effect before relying on it.",
    uuid: "8f9e0d1c-0000-4000-8000-000000000001",
  });

  it("says prior authorization is required in a summary under 140 characters, as info, from the payer, topic coverage-info", () => {
    expect(card.summary).toBe(
      "Prior authorization required: Donor lymphocyte infusion (CPT 38242), Coverage Policy 0261",
    );
    expect(card.summary.length).toBeLessThan(140);
    expect(card.indicator).toBe("info");
    expect(card.source).toMatchObject({
      label: "Cigna",
      topic: {
        system: "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp",
        code: "coverage-info",
      },
    });
    expect(card.detail).toContain("Cigna Medical Coverage Policy 0261");
    // r3: what the policy finds medically necessary, never "covered"; the plan requires the
    // authorization; the overdue review and the hints are said.
    expect(card.detail).toContain(
      "It is medically necessary under Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost when the policy's criteria are met.",
    );
    expect(card.detail).toContain("The plan requires prior authorization for CPT 38242");
    expect(card.detail).not.toMatch(/\bcovered\b/i);
    expect(card.detail).toContain("1 hint from the EHR is shown beside the questions");
    expect(card.detail).toContain("June 15, 2022, has passed");
    expect(card.extension["davinci-crd.associated-resource"]).toEqual([
      { reference: "ServiceRequest/o1" },
    ]);
  });

  it("links absolutely to the questionnaire by an opaque launch id only, and to the policy", () => {
    expect(card.links.map((l) => l.type)).toEqual(["absolute", "absolute"]);
    expect(card.links[0]!.url).toMatch(
      /^https:\/\/pa\.example\.org\/ehr-launch\?launch=[\w-]{43}$/,
    );
    expect(card.links[1]!.url).toBe("https://pa.example.org/policy");
  });
});
