import { describe, expect, it } from "vitest";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { parseSubmission } from "./parse-submission";

const registry = createRegistry([...PRODUCT_POLICIES, { package: FIXTURE_POLICY }]);
const fixture = {
  ...SAMPLE_SUBMISSION,
  policyId: "fixture-policy-9001",
  answers: { product: "widget", indication: "listed", doseMg: 250 },
};

describe("a submission is read under the policy version in force on its date of service", () => {
  it("takes the first policy when none is named", () => {
    const parsed = parseSubmission(SAMPLE_SUBMISSION, registry);
    expect(parsed.ok && [parsed.policy.id, parsed.policy.version]).toEqual([
      "coverage-policy-0261",
      "2021-07-15",
    ]);
  });

  it.each([
    ["2025-12-31", "2024-01-01"],
    ["2026-01-01", "2026-01-01"],
  ])("a service on %s is judged under version %s", (serviceDate, version) => {
    // Past dates: only a retrospective request takes them.
    const parsed = parseSubmission({ ...fixture, serviceDate, retrospective: true }, registry);
    expect(parsed.ok && parsed.policy.version).toBe(version);
  });

  it("takes a past date only as a retrospective request, and a retrospective request only for one", () => {
    const past = parseSubmission({ ...fixture, serviceDate: "2025-12-31" }, registry);
    expect(past).toEqual({
      ok: false,
      errors: { serviceDate: expect.stringMatching(/^Planned date of service is in the past/) },
    });
    const future = parseSubmission({ ...SAMPLE_SUBMISSION, retrospective: true }, registry);
    expect(future).toEqual({
      ok: false,
      errors: { retrospective: expect.stringMatching(/must be in the past$/) },
    });
    const retrospective = parseSubmission(
      { ...SAMPLE_SUBMISSION, serviceDate: "2025-06-01", retrospective: true },
      registry,
    );
    expect(retrospective.ok && retrospective.submission.retrospective).toBe(true);
  });

  it.each<[string, object, Record<string, string>]>([
    ["an unknown policy", { ...fixture, policyId: "nope" }, { policyId: "No policy nope" }],
    [
      "a date before any version",
      { ...fixture, serviceDate: "2023-06-01", retrospective: true },
      {
        serviceDate:
          "No version of Fixture Policy 9001 is in force on 2023-06-01: its first version takes effect on 2024-01-01",
      },
    ],
    [
      "another policy's answers",
      { ...fixture, answers: SAMPLE_SUBMISSION.answers },
      expect.objectContaining({ "": expect.stringContaining("Unexpected fields: service") }),
    ],
    [
      "a dose over the version's bounds and a bad NPI",
      { ...fixture, npi: "1", answers: { doseMg: 900 } },
      {
        npi: "NPI must be 10 digits",
        "answers.doseMg": "must be a number from 5 to 500",
      },
    ],
  ])("names %s and stores nothing", (_name, input, errors) => {
    const parsed = parseSubmission(input, registry);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual(errors);
  });
});
