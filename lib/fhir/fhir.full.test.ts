import { describe, expect, it } from "vitest";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { roundTripLosses } from "@/test/response-round-trip";

// npm test's full-proof step (vitest.full.config.ts): fhir.test.ts's QuestionnaireResponse round
// trip, over the whole answer space instead of the sets the wizard can hold and a seeded sample.

const policy = coveragePolicy0261.versions[0]!;

describe("QuestionnaireResponse", () => {
  it("round-trips every case of the answer space without loss", () => {
    expect(roundTripLosses(policy, "https://pa.example.org/api/fhir", answerSpace())).toEqual({
      lost: [],
      cases: ANSWER_SPACE_SIZE,
    });
    // Seconds alone; a minute and more beside other suites on this 2-core machine.
  }, 600_000);
});
