import { describe, expect, it } from "vitest";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { pathProblems } from "@/test/flowchart-paths";

// npm test's full-proof step (vitest.full.config.ts): flowchart.test.ts's lit paths, over the
// whole answer space instead of the sets the wizard can hold and a seeded sample.

const policy = coveragePolicy0261.versions[0]!;

describe("the decision flowcharts", () => {
  it("every case of the answer space lights a path of its own service's chart, along drawn arrows only", () => {
    const { problems, cases, withService } = pathProblems(policy, answerSpace());
    expect(problems).toEqual([]);
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(withService).toBeGreaterThan(100_000);
    // Seconds alone; a minute and more beside other suites on this 2-core machine.
  }, 600_000);
});
