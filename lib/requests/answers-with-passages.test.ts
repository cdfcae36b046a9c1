import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import type { Answers } from "@/lib/policy/packages/coverage-policy-0261/fields";
import { answersWithPassages } from "./answers-with-passages";

// The reviewer's "Answers and the policy text behind them" and the PDF read this walk: on a
// question both services ask, the answered service's passages only (issue 23, item 8).
const policy = coveragePolicy0261.versions[0]!;
const BOTH = { priorTransplant: "allogeneic", sameDonor: true, preparativeRegimen: false } as const;
const passagesOf = (answers: Answers) =>
  Object.fromEntries(
    answersWithPassages(policy, evaluate(policy, answers)).map((a) => [
      a.field,
      a.passages.map((p) => p.id),
    ]),
  );

describe("answersWithPassages", () => {
  it.each([
    [
      "an HPC boost",
      { service: "hpc-boost", ...BOTH, boostIndication: "promote-engraftment" },
      /^(coverage-policy\.(dli|experimental)|background\.dli\.)/,
      "coverage-policy.hpc-boost",
    ],
    [
      "a DLI",
      { service: "dli", diagnosis: "cml", dliIndication: "relapsed", ...BOTH },
      /^(coverage-policy\.hpc-boost|background\.hpc-boost\.)/,
      "coverage-policy.dli",
    ],
  ] as const)("for %s shows no passage of the other service", (_, answers, other, own) => {
    const byField = passagesOf(answers);
    expect(byField.priorTransplant).toContain(own);
    for (const field of ["priorTransplant", "sameDonor", "preparativeRegimen"])
      expect(
        byField[field]!.filter((id) => other.test(id)),
        field,
      ).toEqual([]);
  });
});
