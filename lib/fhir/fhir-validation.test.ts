import { Fhir, ParseConformance, Versions } from "fhir";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/evaluate";
import type { Answers } from "@/lib/policy/fields";
import { answersToResponse, operationOutcome } from "./questionnaire-response";
import { policyQuestionnaire } from "./questionnaire";

// FHIR.js validates a resource against the R4 structure definitions it ships.
const fhir = new Fhir(new ParseConformance(true, Versions.R4));
const errors = (resource: object) =>
  (fhir.validate(resource).messages ?? [])
    .filter((m) => m.severity === "error")
    .map((m) => `${m.location}: ${m.message}`);

// One case per determination the contract can reach.
const CASES: [string, Answers][] = [
  ["incomplete", { service: "dli", priorTransplant: "allogeneic" }],
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
  ["not-medically-necessary", { service: "dli", priorTransplant: "none" }],
  [
    "experimental-investigational-unproven",
    {
      service: "dli",
      priorTransplant: "allogeneic",
      sameDonor: true,
      preparativeRegimen: false,
      diagnosis: "non-malignant",
    },
  ],
];

describe("every FHIR resource the product emits is valid R4", () => {
  it("the Questionnaire", () => {
    expect(errors(policyQuestionnaire())).toEqual([]);
  });

  it.each(CASES)("a QuestionnaireResponse whose determination is %s", (determination, answers) => {
    expect(evaluate(answers).determination).toBe(determination);
    const status = determination === "incomplete" ? "in-progress" : "completed";
    expect(errors(answersToResponse(answers, status))).toEqual([]);
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
    expect(errors({ ...answersToResponse({}, "completed"), status: "finished" })).not.toEqual([]);
  });
});
