import { describe, expect, it } from "vitest";
import { governing } from "@/lib/cds-hooks/governing";
import { pasRequestBundle } from "@/lib/pas/request-bundle";
import { mapSubmitBundle } from "@/lib/pas/submit-bundle";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { parseSubmission } from "./parse-submission";

// Which policy version judges a case, asked of the three ways a case comes in: the form (and
// the JSON API), a PAS Bundle and a CRD hook's draft order. One rule (the registry's policyOn):
// the version in force on the date of service; before the policy's first version, none.

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry([...PRODUCT_POLICIES, { package: FIXTURE_POLICY }]);
const [first] = FIXTURE_POLICY.versions;
const BEFORE =
  "No version of Fixture Policy 9001 is in force on 2023-12-31: its first version takes effect on 2024-01-01";
const answers = { product: "widget", indication: "listed", doseMg: 250 };

const form = (serviceDate: string) => {
  const parsed = parseSubmission(
    {
      ...SAMPLE_SUBMISSION,
      policyId: FIXTURE_POLICY.meta.id,
      answers,
      serviceDate,
      retrospective: true,
    },
    registry,
  );
  return parsed.ok ? parsed.policy.version : parsed.errors.serviceDate;
};

let n = 0;
const bundle = (serviceDate: string, doseMg = 250) =>
  pasRequestBundle(first!, BASE, {
    ...SAMPLE_SUBMISSION,
    serviceDate,
    answers: { ...answers, doseMg },
    cpt: "X0001",
    transactionId: "T-1",
    claimId: "C-1",
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
const pas = (serviceDate: string) => {
  const mapped = mapSubmitBundle(bundle(serviceDate), registry, BASE);
  return mapped.ok ? mapped.value.policy.version : mapped.problems.issues[0]?.diagnostics;
};

const crd = (occurrenceDateTime: string) =>
  governing(registry, {
    reference: "ServiceRequest/1",
    path: "context.draftOrders.entry[0].resource",
    resource: {
      resourceType: "ServiceRequest",
      status: "draft",
      intent: "order",
      subject: { reference: "Patient/1" },
      code: { coding: [{ system: CPT_SYSTEM, code: "X0001" }] },
      occurrenceDateTime,
    },
  })?.policy.version;

describe("the form, PAS and CRD judge a date of service under the same version", () => {
  it.each<[string, string, string | null]>([
    ["on the first version's first day", "2024-01-01", "2024-01-01"],
    ["the day before the second version", "2025-12-31", "2024-01-01"],
    ["on the second version's first day", "2026-01-01", "2026-01-01"],
    ["the day before the first version", "2023-12-31", null],
  ])("a case dated %s (%s): version %s", (_when, date, version) => {
    expect(form(date)).toBe(version ?? BEFORE);
    expect(pas(date)).toBe(version ?? `Bundle.entry[0].resource.item[0].servicedDate: ${BEFORE}`);
    // No version governs the order on its date: no card, as the form would take no request.
    expect(crd(`${date}T09:00:00Z`)).toBe(version ?? undefined);
  });
});

describe("a PAS Bundle dated before the policy's first version", () => {
  // A dose no version takes (900 mg): reading the answers under any version names it.
  it.each<[string, string, string[]]>([
    [
      "is refused on its date alone, its answers never read",
      "2023-12-31",
      ["Bundle.entry[0].resource.item[0].servicedDate"],
    ],
    [
      "(beside it: one dated under a version has its answers read)",
      "2024-06-01",
      ["Bundle.entry[6].resource.item[2].answer[0].valueDecimal"],
    ],
  ])("%s (%s)", (_case, date, where) => {
    const mapped = mapSubmitBundle(bundle(date, 900), registry, BASE);
    const issues = mapped.ok ? [] : mapped.problems.issues;
    expect(issues.map((i) => i.expression?.[0])).toEqual(where);
    if (date < "2024-01-01") expect(issues[0]!.diagnostics).toContain(BEFORE);
  });
});
