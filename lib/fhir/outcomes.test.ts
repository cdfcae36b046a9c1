import { describe, expect, it } from "vitest";
import {
  errorOutcome,
  informationOutcome,
  issueAt,
  issueCodeOf,
  operationOutcome,
  outcomeIssue,
} from "./outcomes";

describe("the issue code of each HTTP status", () => {
  const table: [number, string][] = [
    [400, "invalid"],
    [401, "login"],
    [403, "forbidden"],
    [404, "not-found"],
    [405, "not-supported"],
    [409, "conflict"],
    [413, "too-costly"],
    [415, "not-supported"],
    [422, "processing"],
    [500, "processing"],
  ];
  for (const [status, code] of table)
    it(`${status} → ${code}`, () => {
      expect(issueCodeOf(status)).toBe(code);
      expect(errorOutcome(status, "why")).toEqual({
        resourceType: "OperationOutcome",
        issue: [{ severity: "error", code, diagnostics: "why" }],
      });
    });
});

describe("OperationOutcome builders", () => {
  it("names the first twenty issues, then counts the rest", () => {
    const issues = Array.from({ length: 25 }, (_, i) => outcomeIssue("invalid", `problem ${i}`));
    const outcome = operationOutcome(issues);
    expect(outcome.issue).toHaveLength(21);
    expect(outcome.issue[19]!.diagnostics).toBe("problem 19");
    expect(outcome.issue[20]).toEqual({
      severity: "error",
      code: "too-costly",
      diagnostics: "and 5 more problems",
    });
    expect(operationOutcome(issues.slice(0, 20)).issue).toHaveLength(20);
  });

  it("an issue about an element names its FHIRPath first, and as its expression", () => {
    expect(issueAt("Bundle.entry[0].fullUrl", "is required", "required")).toEqual({
      severity: "error",
      code: "required",
      diagnostics: "Bundle.entry[0].fullUrl: is required",
      expression: ["Bundle.entry[0].fullUrl"],
    });
    expect(outcomeIssue("value", "must be true or false.", { expression: "X.item" })).toEqual({
      severity: "error",
      code: "value",
      diagnostics: "must be true or false.",
      expression: ["X.item"],
    });
  });

  it("one error per line of text", () => {
    expect(errorOutcome(400, ["a", "b"]).issue.map((i) => i.diagnostics)).toEqual(["a", "b"]);
  });

  it("an informational outcome is no error", () => {
    expect(informationOutcome("Recorded.").issue).toEqual([
      { severity: "information", code: "informational", diagnostics: "Recorded." },
    ]);
    expect(informationOutcome("Nothing matches.", "not-found").issue[0]!.code).toBe("not-found");
  });
});
