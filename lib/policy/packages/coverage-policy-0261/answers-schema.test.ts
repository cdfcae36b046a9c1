import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeIssues, parseAnswers as parseUnder } from "@/lib/policy/engine/answers-schema";
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from ".";
import { FIELDS, type Answers } from "./fields";

const policy = coveragePolicy0261.versions[0]!;
const parseAnswers = (input: unknown) => parseUnder(policy, input);
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
const DETERMINATIONS = policy.determinations.map((d) => d.value);

describe("parseAnswers", () => {
  it.each([
    [{}, []],
    [{ service: "dli", donorChimerismPercent: 0 }, []],
    [{ donorChimerismPercent: 100 }, []],
    [{ service: "DLI" }, [{ path: "service", message: "must be one of: dli, hpc-boost" }]],
    [{ sameDonor: "yes" }, [{ path: "sameDonor", message: "must be true or false" }]],
    [{ sameDonor: null }, [{ path: "sameDonor", message: "must be true or false" }]],
    [
      { donorChimerismPercent: -0.1 },
      [{ path: "donorChimerismPercent", message: "must be a number from 0 to 100" }],
    ],
    [
      { donorChimerismPercent: 100.5 },
      [{ path: "donorChimerismPercent", message: "must be a number from 0 to 100" }],
    ],
    [
      { donorChimerismPercent: "50" },
      [{ path: "donorChimerismPercent", message: "must be a number from 0 to 100" }],
    ],
    // r3: the form takes "92%"; the wire format stays a number.
    [
      { donorChimerismPercent: "92%" },
      [{ path: "donorChimerismPercent", message: "must be a number from 0 to 100" }],
    ],
    [
      { donorChimerismPercent: Number.NaN },
      [{ path: "donorChimerismPercent", message: "must be a number from 0 to 100" }],
    ],
    [[], [{ path: "(body)", message: "must be a JSON object of answers" }]],
    ["dli", [{ path: "(body)", message: "must be a JSON object of answers" }]],
    [null, [{ path: "(body)", message: "must be a JSON object of answers" }]],
  ])("%j → %j", (input, issues) => {
    const result = parseAnswers(input);
    expect(result.ok ? [] : result.issues).toEqual(issues);
  });

  it("names every unknown key, including prototype keys, and every wrong field at once", () => {
    const result = parseAnswers(
      JSON.parse('{"__proto__": {"x": 1}, "constructor": 1, "service": "x", "diagnosis": 3}'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(
      ["__proto__", "constructor", "diagnosis", "service"].sort(),
    );
    expect(describeIssues(result.issues)).toMatch(/^4 answers are not valid: /);
  });
});

describe("properties", () => {
  it("arbitrary JSON either parses or yields issues, and never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseAnswers(value);
        if (result.ok) expect(DETERMINATIONS).toContain(evaluate(result.answers).determination);
        else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("objects with the contract's keys and arbitrary values parse or name the wrong fields", () => {
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom("dli", "hpc-boost", "allogeneic", "none", "aml", "other", true, false),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS, "extra"), anyValue), (value) => {
        const result = parseAnswers(value);
        if (result.ok) {
          expect(DETERMINATIONS).toContain(evaluate(result.answers).determination);
        } else {
          for (const issue of result.issues) expect([...FIELDS, "extra"]).toContain(issue.path);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
