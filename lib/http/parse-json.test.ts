import { describe, expect, it } from "vitest";
import { hookRequest, submitBundle } from "@/test/ehr-samples";
import { MAX_JSON_DEPTH, jsonDepthOver, parseJson } from "./parse-json";
import { MAX_PROBLEMS, capProblems } from "./problem-cap";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

describe("parseJson", () => {
  it("refuses arrays or objects nested 5,000 deep before building anything", () => {
    expect(parseJson(nested(5000))).toMatchObject({ ok: false, reason: "too-deep" });
    const objects = '{"a":'.repeat(5000) + "1" + "}".repeat(5000);
    expect(parseJson(objects)).toMatchObject({ ok: false, reason: "too-deep" });
    expect(parseJson(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    expect(parseJson(nested(MAX_JSON_DEPTH + 1))).toMatchObject({ ok: false, reason: "too-deep" });
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ note: `${"[".repeat(500)} \\" ${"{".repeat(500)}"` });
    expect(jsonDepthOver(text, 2)).toBe(false);
    expect(parseJson(text)).toMatchObject({ ok: true });
  });

  it("takes the real PAS Bundle and CDS Hooks call well within the limit", () => {
    expect(
      jsonDepthOver(JSON.stringify(submitBundle({ appUrl: "https://pa.example.org" })), 20),
    ).toBe(false);
    expect(jsonDepthOver(JSON.stringify(hookRequest()), 20)).toBe(false);
  });

  it("says what is wrong with JSON that is not JSON", () => {
    expect(parseJson("{")).toMatchObject({ ok: false, reason: "invalid" });
  });
});

describe("capProblems", () => {
  it("names the first twenty problems, then how many more", () => {
    const problems = Array.from({ length: 100_000 }, (_, i) => `problem ${i}`);
    const capped = capProblems(problems, (n) => `and ${n} more`);
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped.at(-1)).toBe(`and ${100_000 - MAX_PROBLEMS} more`);
    expect(capProblems(["a"], () => "more")).toEqual(["a"]);
  });
});
