import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

const APP = "https://pa.example.org";

describe("safeReturnPath", () => {
  it.each([
    ["a plain path", "/review/R-2026-000001", "/review/R-2026-000001"],
    [
      "a path with a query and fragment",
      "/review?status=pending#top",
      "/review?status=pending#top",
    ],
    ["a path with spaces, encoded", "/requests/a b", "/requests/a%20b"],
    ["a path with U+3000 inside, encoded", "/requests/\u3000x", "/requests/%E3%80%80x"],
    ["dot segments stay on the origin", "/../../etc/passwd", "/etc/passwd"],
  ])("keeps %s", (_name, next, expected) => {
    expect(safeReturnPath(next, APP)).toBe(expected);
  });

  it.each([
    ["another origin", "https://evil.example/phish"],
    ["a protocol-relative URL", "//evil.example/phish"],
    ["a backslash after the slash", "/\\evil.example/phish"],
    ["a tab between the slashes", "/\t/evil.example/phish"],
    ["a newline between the slashes", "/\n/evil.example/phish"],
    ["a carriage return between the slashes", "/\r/evil.example/phish"],
    ["several tabs and newlines", "/\t\n\r\t/evil.example"],
    ["a tab before a backslash", "/\t\\evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["a leading space", " /review"],
    ["a leading U+3000", "\u3000//evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "review"],
    ["an empty string", ""],
    ["a path longer than 2,000 characters", `/${"a".repeat(2_000)}`],
    ["not a string", ["/review"]],
    ["undefined", undefined],
  ])("refuses %s", (_name, next) => {
    expect(safeReturnPath(next, APP)).toBeUndefined();
  });

  it("never returns anything but a single-slash path, whatever the input", () => {
    const tricky = ["\t", "\n", "\r", "\\", "/", "\u3000", "%2F", "%5C", "\u0000", " ", "@", ":"];
    for (const a of tricky)
      for (const b of tricky)
        for (const c of tricky) {
          const result = safeReturnPath(`/${a}${b}${c}evil.example`, APP);
          if (result === undefined) continue;
          expect(result).toMatch(/^\/(?![/\\])/);
          expect(new URL(result, APP).origin).toBe(APP);
          expect(result).toMatch(/^[\x21-\x7e]+$/);
        }
  });
});
