import { Fhir, ParseConformance, Versions } from "fhir";
import { describe, expect, it } from "vitest";
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import type { Answers } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { packageCoverage, packageOrder, packageParameters } from "@/test/ehr-samples";
import { operationOutcome } from "./outcomes";
import { answersToResponse } from "./questionnaire-response";
import { policyQuestionnaire } from "./questionnaire";
import { requestToResponse } from "./request-export";
import { capabilityStatement } from "./capability-statement";
import { policyCodeSystems } from "./code-systems";
import { searchConformance } from "./conformance";
import { expandedValueSet, policyValueSets } from "./value-sets";
import { questionnairePackage } from "@/lib/dtr/package";
import { readPackageInput } from "@/lib/dtr/package-input";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";

const BASE = "https://pa.example.org/api/fhir";
const policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);

// FHIR.js validates a resource against the R4 structure definitions it ships.
const fhir = new Fhir(new ParseConformance(true, Versions.R4));
const errors = (resource: object) =>
  (fhir.validate(resource).messages ?? [])
    .filter((m) => m.severity === "error")
    .map((m) => `${m.location}: ${m.message}`);

// One case per determination the contract can reach.
const CASES: [string, Answers][] = [
  ["incomplete", { service: "dli", diagnosis: "aml" }],
  [
    "medically-necessary",
    {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: true,
      preparativeRegimen: false,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 42.5,
    },
  ],
  [
    "not-medically-necessary",
    { service: "dli", diagnosis: "cml", dliIndication: "relapsed", priorTransplant: "none" },
  ],
  ["experimental-investigational-unproven", { service: "dli", diagnosis: "solid-tumor" }],
  [
    "outside-policy",
    {
      service: "hpc-boost",
      priorTransplant: "autologous",
      sameDonor: true,
      preparativeRegimen: true,
    },
  ],
];

describe("every FHIR resource the product emits is valid R4", () => {
  it("the Questionnaire", () => {
    expect(errors(policyQuestionnaire(BASE, policy))).toEqual([]);
  });

  it.each(FIXTURE_POLICY.versions.map((v) => [v.version, v] as const))(
    "the fixture policy's Questionnaire, CodeSystems and a response, version %s",
    (_version, fixture) => {
      expect(errors(policyQuestionnaire(BASE, fixture))).toEqual([]);
      for (const system of policyCodeSystems(BASE, fixture)) expect(errors(system)).toEqual([]);
      const answers = { product: "gadget", indication: "listed", doseMg: 250 };
      expect(errors(answersToResponse(fixture, answers, "completed", BASE))).toEqual([]);
    },
  );

  it("the CodeSystems, the CapabilityStatement and a searchset Bundle", () => {
    for (const system of policyCodeSystems(BASE, policy))
      expect(errors(system), system.id).toEqual([]);
    expect(errors(capabilityStatement(BASE, "2026-11-26T00:00:00.000Z"))).toEqual([]);
    expect(errors(searchConformance(BASE, [policy], "Questionnaire", null))).toEqual([]);
  });

  it.each(CASES)("a QuestionnaireResponse whose determination is %s", (determination, answers) => {
    expect(evaluate(answers).determination).toBe(determination);
    const status = determination === "incomplete" ? "in-progress" : "completed";
    expect(errors(answersToResponse(policy, answers, status, BASE))).toEqual([]);
  });

  it("a stored request's export, with its extensions (the authorization too), patient and author", () => {
    const answers = CASES[1]![1];
    const evaluation = evaluate(answers);
    const exported = requestToResponse(
      policy,
      {
        id: 1,
        reference: "R-2026-000007",
        physicianId: "u1",
        patientName: "Pat Example",
        patientBirthDate: "1970-01-01",
        memberId: "M-7",
        orderingPhysician: "Dr X",
        npi: "1234567893",
        serviceDate: "2026-12-01",
        urgency: "expedited",
        clinicalNotes: "",
        answers,
        determination: evaluation.determination,
        evaluation,
        policyId: "coverage-policy-0261",
        policyVersion: "2021-07-15",
        status: "approved",
        submittedAt: "2026-11-26T00:00:00.000Z",
        dueAt: "2026-11-29T00:00:00.000Z",
        version: 2,
        decidedAt: null,
        extendedAt: null,
        extensionReason: null,
        appealedAt: null,
        retrospective: false,
        assignedTo: null,
        approvedByRule: false,
      },
      [
        {
          action: "approve",
          reviewActionCode: "A1",
          rationale: "Meets gate 6.",
          decidedAt: "2026-11-27T08:00:00.000Z",
        },
      ],
      BASE,
      {
        number: "PA-2026-00000007",
        service: "Hematopoietic progenitor cell (HPC) boost",
        cpt: "38243",
        units: 1,
        validFrom: "2026-12-01",
        validTo: "2027-02-28",
        issuedAt: "2026-11-27T08:00:00.000Z",
        issuedBy: "director-1",
        byRule: false,
      },
    );
    expect(errors(exported)).toEqual([]);
    // The approval's authorization travels with it: number, service, units and period.
    expect(exported.extension?.at(-1)).toMatchObject({
      url: "urn:coverage-policy:0261:extension:authorization",
      extension: expect.arrayContaining([
        { url: "number", valueString: "PA-2026-00000007" },
        { url: "period", valuePeriod: { start: "2026-12-01", end: "2027-02-28" } },
      ]),
    });
  });

  it("DTR: the ValueSets (expanded too) and a $questionnaire-package answer with its draft response", () => {
    for (const valueSet of policyValueSets(BASE, policy)) {
      expect(errors(valueSet), valueSet.id).toEqual([]);
      expect(errors(expandedValueSet(BASE, policy, valueSet, new Date())), valueSet.id).toEqual([]);
    }
    const read = readPackageInput(packageParameters(packageCoverage, packageOrder("38243")));
    if (!read.ok) throw new Error("the input is read");
    const result = questionnairePackage(
      createRegistry(PRODUCT_POLICIES),
      BASE,
      read.input,
      new Date(),
    );
    if (!result.ok) throw new Error("a package");
    expect(result.parameters.parameter!.map((p) => p.name)).toEqual(["PackageBundle", "outcome"]);
    expect(errors(result.parameters)).toEqual([]);
    // The validator walks into the bundle: a broken draft inside it is caught.
    const broken = structuredClone(result.parameters);
    const bundle = broken.parameter![0]!.resource as { entry: { resource: { status?: string } }[] };
    bundle.entry.at(-1)!.resource.status = "finished";
    expect(errors(broken)).not.toEqual([]);
  });

  it("an OperationOutcome", () => {
    expect(
      errors(
        operationOutcome([
          {
            severity: "error",
            code: "value",
            diagnostics: "x",
            expression: ["QuestionnaireResponse.status"],
          },
        ]),
      ),
    ).toEqual([]);
  });

  it("and the validator does catch an invalid one", () => {
    expect(
      errors({ ...answersToResponse(policy, {}, "completed", BASE), status: "finished" }),
    ).not.toEqual([]);
  });
});
