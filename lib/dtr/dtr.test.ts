import type {
  Bundle,
  OperationOutcome,
  Parameters,
  QuestionnaireResponse,
  ValueSet,
} from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { questionnaireCanonical } from "@/lib/fhir/canonical";
import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import {
  packageCoverage as coverage,
  packageOrder as order,
  packageParameters as parameters,
} from "@/test/ehr-samples";
import { grants, SUPPORTED_SCOPES } from "@/lib/smart/scopes";
import { readLogErrorsInput } from "./log-errors";
import { INFORMATION_ORIGIN, QR_CONTEXT, questionnairePackage } from "./package";
import { readPackageInput } from "./package-input";

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry([...PRODUCT_POLICIES, { package: FIXTURE_POLICY }]);
const policy = registry.getPolicy("coverage-policy-0261")!;
const CANONICAL = questionnaireCanonical(BASE, policy);
const NOW = new Date("2026-12-05T10:00:00Z");

const questionnaire = (canonical = CANONICAL) => ({
  name: "questionnaire",
  valueCanonical: canonical,
});

function build(body: unknown) {
  const read = readPackageInput(body);
  if (!read.ok) throw new Error(JSON.stringify(read.problems.issues));
  return questionnairePackage(registry, BASE, read.input, NOW);
}
const bundles = (result: ReturnType<typeof build>) => {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.parameters
    .parameter!.filter((p) => p.name === "PackageBundle")
    .map((p) => p.resource as Bundle);
};
const outcomeOf = (result: ReturnType<typeof build>) =>
  (result as { parameters: Parameters }).parameters.parameter!.find((p) => p.name === "outcome")!
    .resource as OperationOutcome;
const draftOf = (bundle: Bundle) =>
  bundle.entry!.find((e) => e.resource!.resourceType === "QuestionnaireResponse")!
    .resource as QuestionnaireResponse;

describe("DTR $questionnaire-package (pure)", () => {
  it("packages the Questionnaire first, its ValueSets expanded, and a draft answering only the service", () => {
    for (const [cpt, service] of [
      ["38242", "dli"],
      ["38243", "hpc-boost"],
    ] as const) {
      const [bundle, ...rest] = bundles(build(parameters(coverage, questionnaire(), order(cpt))));
      expect(rest).toEqual([]);
      expect(bundle!.type).toBe("collection");
      const types = bundle!.entry!.map((e) => e.resource!.resourceType);
      expect(types[0]).toBe("Questionnaire");
      expect(types.filter((t) => t === "ValueSet")).toHaveLength(5);
      expect(types.at(-1)).toBe("QuestionnaireResponse");
      for (const e of bundle!.entry!.filter((e) => e.resource!.resourceType === "ValueSet")) {
        const vs = e.resource as ValueSet;
        expect(vs.expansion!.total).toBe(vs.expansion!.contains!.length);
        expect(vs.expansion!.contains!.length).toBeGreaterThan(1);
      }
      const draft = draftOf(bundle!);
      expect(draft).toMatchObject({
        questionnaire: CANONICAL,
        status: "in-progress",
        subject: { reference: "Patient/pat-1" },
        meta: { lastUpdated: NOW.toISOString() },
      });
      expect(draft.extension).toEqual([
        { url: QR_CONTEXT, valueReference: { reference: "Coverage/cov-1" } },
        { url: QR_CONTEXT, valueReference: { reference: `ServiceRequest/sr-${cpt}` } },
      ]);
      expect(draft.item!.map((i) => i.linkId)).toEqual(["service"]);
      expect(draft.item![0]!.answer![0]!.extension).toEqual([
        { url: INFORMATION_ORIGIN, extension: [{ url: "source", valueCode: "auto" }] },
      ]);
      // The draft reads back, through the same reader as any response, as that service only.
      expect(answersFromResponse(policy, draft, BASE)).toEqual({
        ok: true,
        answers: { service },
      });
    }
  });

  it("the order alone picks its policy's Questionnaire; without an order nothing is answered", () => {
    const [fromOrder] = bundles(build(parameters(coverage, order("38243"))));
    expect(fromOrder!.entry![0]!.resource).toMatchObject({
      resourceType: "Questionnaire",
      id: policy.id,
    });
    const [plain] = bundles(build(parameters(coverage, questionnaire())));
    expect(draftOf(plain!).item).toBeUndefined();
    expect(draftOf(plain!).extension).toHaveLength(1);
  });

  it("a version-specific canonical returns that version; an unknown one among known ones is a warning", () => {
    const old = questionnaireCanonical(BASE, FIXTURE_POLICY.versions[0]!);
    const result = build(
      parameters(coverage, questionnaire(old), questionnaire(`${BASE}/Questionnaire/nothing|1`)),
    );
    const [bundle] = bundles(result);
    expect(bundle!.entry![0]!.resource).toMatchObject({
      version: FIXTURE_POLICY.versions[0]!.version,
    });
    expect(outcomeOf(result).issue!.map((i) => [i.severity, i.code])).toEqual([
      ["warning", "not-found"],
      ["information", "informational"],
    ]);
  });

  it("nothing known asked for: 404 naming the canonical; two services in one package: 400", () => {
    const unknown = build(parameters(coverage, questionnaire(`${BASE}/Questionnaire/nothing`)));
    expect(unknown).toMatchObject({ ok: false, status: 404 });
    expect((unknown as { issues: { expression: string[] }[] }).issues[0]!.expression).toEqual([
      "Parameters.parameter[1].valueCanonical",
    ]);
    expect(build(parameters(coverage, questionnaire(`${CANONICAL}9`)))).toMatchObject({
      ok: false,
      status: 404,
    });
    const both = build(parameters(coverage, order("38242"), order("38243")));
    expect(both).toMatchObject({ ok: false, status: 400 });
  });

  it("an order no policy here governs: no bundle, and an outcome that says so", () => {
    const result = build(parameters(coverage, order("99213")));
    expect(bundles(result)).toEqual([]);
    expect(outcomeOf(result).issue!.map((i) => i.severity)).toEqual(["warning", "information"]);
  });

  it("changedsince: no bundle when the Questionnaire has not changed since, the bundle when it has", () => {
    const since = (instant: string) =>
      build(parameters(coverage, questionnaire(), { name: "changedsince", valueInstant: instant }));
    const revised = `${policy.rulesRevisionDate}T00:00:00Z`;
    const unchanged = since(revised);
    expect(bundles(unchanged)).toEqual([]);
    expect(outcomeOf(unchanged).issue![0]!.diagnostics).toContain("has not changed since");
    expect(bundles(since("2020-01-01T00:00:00+01:00"))).toHaveLength(1);
  });
});

describe("DTR $questionnaire-package input", () => {
  const problems = (body: unknown) => {
    const read = readPackageInput(body);
    expect(read.ok).toBe(false);
    return (read as { problems: { issues: { diagnostics?: string; expression?: string[] }[] } })
      .problems.issues;
  };

  it("refuses what is not Parameters, a missing or second coverage, and no questionnaire nor order", () => {
    expect(problems({ resourceType: "Bundle" })[0]!.expression).toEqual(["Parameters"]);
    expect(problems(parameters(questionnaire()))[0]!.diagnostics).toMatch(/coverage is required/);
    expect(problems(parameters(coverage, coverage, questionnaire()))[0]!.diagnostics).toMatch(
      /one coverage/,
    );
    expect(problems(parameters(coverage))[0]!.diagnostics).toMatch(/questionnaire.*order/);
  });

  it("names each bad part by its path", () => {
    const issues = problems(
      parameters(
        { name: "coverage", resource: { resourceType: "Coverage" } },
        { name: "order", resource: { resourceType: "Patient" } },
        { name: "questionnaire", valueString: CANONICAL },
        { name: "changedsince", valueInstant: "yesterday" },
        { name: "launch", valueString: "x" },
      ),
    );
    expect(issues.map((i) => i.expression![0])).toEqual([
      "Parameters.parameter[0].resource.id",
      "Parameters.parameter[0].resource.beneficiary.reference",
      "Parameters.parameter[1].resource",
      "Parameters.parameter[2].valueCanonical",
      "Parameters.parameter[3].valueInstant",
      "Parameters.parameter[4].name",
    ]);
  });

  it("refuses a type that is not text, even one whose text cannot be made (found by the e2e hostile sweep, a 500 before)", () => {
    // An array holding an object whose toString is not a function: String() of it throws.
    const hostile = [{ toString: "'; DROP TABLE requests; --" }];
    const [issue] = problems(
      parameters(coverage, { name: "order", resource: { resourceType: hostile, id: "o-1" } }),
    );
    expect(issue!.expression).toEqual(["Parameters.parameter[1].resource"]);
    expect(issue!.diagnostics).toMatch(/must be an order/);
  });

  it("reads a context id for the route to look up (whose it is, the route decides), and refuses one that is not text", () => {
    const read = readPackageInput(parameters(coverage, { name: "context", valueString: "dtr-1" }));
    expect(read.ok && read.input.contexts).toEqual([
      { id: "dtr-1", path: "Parameters.parameter[1].valueString" },
    ]);
    const [issue] = problems(parameters(coverage, { name: "context", valueInteger: 4 }));
    expect(issue!.expression).toEqual(["Parameters.parameter[1].valueString"]);
  });
});

describe("DTR $log-questionnaire-errors input", () => {
  const outcome = (issue: object[]) => ({
    name: "operationOutcome",
    resource: { resourceType: "OperationOutcome", issue },
  });

  it("keeps the canonical, the count, severities and codes: never the issues' text", () => {
    const read = readLogErrorsInput(
      parameters(
        { name: "Questionnaire", valueCanonical: CANONICAL },
        outcome([
          { severity: "error", code: "invalid", diagnostics: "Pat Doe, born 1970: bad answer" },
          { severity: "error", code: "required" },
          { severity: "warning", code: "invalid" },
        ]),
      ),
    );
    expect(read).toEqual({
      ok: true,
      report: {
        questionnaire: CANONICAL,
        path: "Parameters.parameter[0].valueCanonical",
        issues: 3,
        severities: "error:2 warning:1",
        codes: "invalid required",
      },
    });
    expect(JSON.stringify(read)).not.toContain("Pat Doe");
  });

  it("refuses a missing questionnaire or outcome, an empty outcome and a bad severity", () => {
    for (const body of [
      parameters(outcome([{ severity: "error", code: "invalid" }])),
      parameters(questionnaire()),
      parameters(questionnaire(), outcome([])),
      parameters(questionnaire(), outcome([{ severity: "bad", code: "invalid" }])),
      parameters(questionnaire(), outcome([{ severity: [{ toString: "x" }], code: "invalid" }])),
      { resourceType: "OperationOutcome" },
    ])
      expect(readLogErrorsInput(body).ok, JSON.stringify(body)).toBe(false);
  });
});

describe("SMART scopes: v1 and v2 spellings of DTR's read scopes", () => {
  it("each spelling grants the other; the PAS scopes stay as they are", () => {
    expect(grants(["system/Questionnaire.rs"], "system/Questionnaire.read")).toBe(true);
    expect(grants(["system/Questionnaire.read"], "system/Questionnaire.rs")).toBe(true);
    expect(grants(["system/ValueSet.rs"], "system/Questionnaire.read")).toBe(false);
    expect(grants(["system/Claim.write"], "system/ClaimResponse.read")).toBe(false);
    expect(SUPPORTED_SCOPES).toEqual(
      expect.arrayContaining([
        "system/Questionnaire.rs",
        "system/ValueSet.rs",
        "system/Library.rs",
      ]),
    );
  });
});
