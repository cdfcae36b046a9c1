import { describe, expect, it } from "vitest";
import { typedNumber } from "./typed-number";

describe("a number as typed in the form", () => {
  it.each<[string, string, number | undefined]>([
    ["92", "%", 92],
    ["92%", "%", 92],
    [" 92 % ", "%", 92],
    ["99.9%", "%", 99.9],
    ["0", "%", 0],
    ["", "%", undefined],
    ["  ", "%", undefined],
    ["mg", "mg", Number.NaN],
    ["250mg", "mg", 250],
  ])("%j (unit %s) → %s", (text, unit, expected) => {
    expect(typedNumber(text, unit)).toBe(expected);
  });

  it.each([">99%", "<1%", "92%%", "%92", "0x10", "1e2", "9 2", "-5", "92 mg", "full donor"])(
    "%j is not a number",
    (text) => {
      expect(typedNumber(text, "%")).toBeNaN();
    },
  );
});
