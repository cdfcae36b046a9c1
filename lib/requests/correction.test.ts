import { describe, expect, it } from "vitest";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { readCorrectedDate } from "./correction";

const registry = createRegistry([...PRODUCT_POLICIES, { package: FIXTURE_POLICY }]);
const [v2024] = FIXTURE_POLICY.versions;
// A request judged under the fixture's first version (2024-01-01 to 2025-12-31).
const request = {
  policyId: "fixture-policy-9001",
  policyVersion: "2024-01-01",
  serviceDate: "2025-03-01",
};

describe("a reply's corrected date of service keeps the version the request is judged under", () => {
  it.each<[string, string | undefined, string | null]>([
    ["no date sent", undefined, null],
    ["the same date", "2025-03-01", null],
    ["another date under the same version", "2025-12-31", null],
    ["the first version's first day", "2024-01-01", null],
    [
      "a date under the next version",
      "2026-01-01",
      "2026-01-01 falls under version 2026-01-01 of Fixture Policy 9001, not the version 2024-01-01 this request is judged under: withdraw it and submit a new request",
    ],
    [
      "a date before the first version",
      "2023-12-31",
      "2023-12-31 falls under no version of Fixture Policy 9001, not the version 2024-01-01 this request is judged under: withdraw it and submit a new request",
    ],
  ])("%s (%s)", (_case, serviceDate, message) => {
    expect(readCorrectedDate(registry, request, v2024!, serviceDate)).toEqual(
      message === null ? undefined : { ok: false, issues: [{ path: "serviceDate", message }] },
    );
  });
});
