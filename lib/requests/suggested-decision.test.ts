import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import type { Answers } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { suggestedDecision } from "./suggested-decision";

const policy = coveragePolicy0261.versions[0]!;
const suggest = (answers: Answers) => suggestedDecision(policy, evaluate(policy, answers));

const BOOST = {
  service: "hpc-boost",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
} as const;
const DLI = {
  service: "dli",
  diagnosis: "aml",
  dliIndication: "relapsed",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
} as const;

// Where the reviewer's decision form starts: never at a prefilled denial where rules-0261.md r3
// says the likeliest cause is a wrong answer, or where the policy refers the case elsewhere.
describe("the reviewer's starting point", () => {
  it.each<[string, Answers, string | undefined, RegExp]>([
    ["a medically necessary reading", DLI, undefined, /^Not certified under/],
    ["a DLI with no prior HSCT", { ...DLI, priorTransplant: "none" }, undefined, /^Not certified/],
    [
      "(r3) 100% donor cells",
      { ...BOOST, boostIndication: "enhance-chimerism", donorChimerismPercent: 100 },
      "request-information",
      /^Does the patient have persistent cytopenias or transfusion dependence\?/,
    ],
    [
      "(r3) a boost for another indication",
      { ...BOOST, boostIndication: "other" },
      "request-information",
      /^Does the patient have persistent cytopenias or transfusion dependence\?/,
    ],
    [
      "(r3) graft loss below 5%",
      { ...BOOST, boostIndication: "enhance-chimerism", donorChimerismPercent: 3 },
      "request-information",
      /^Outside Medical Coverage Policy 0261 .*graft rejection or loss.*Referred to a medical director\./,
    ],
    [
      "(r3) Enhance chimerism given after an autologous HSCT",
      { ...BOOST, priorTransplant: "autologous", boostIndication: "enhance-chimerism" },
      "request-information",
      /^Please answer: “What is the indication for the HPC boost\?” .*Enhancement of chimerism needs donor cells/,
    ],
  ])("%s", (_name, answers, action, rationale) => {
    const suggestion = suggest(answers);
    expect(suggestion.action).toBe(action);
    const text = action ? suggestion.rationales["request-information"] : suggestion.rationales.deny;
    expect(text).toMatch(rationale);
    if (action) expect(suggestion.rationales.deny).toBeUndefined();
  });
});
