import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DASHBOARD_RULES, METRICS, RULES } from "./definitions";

// The README defines the metrics in the same sentences as the pages and the downloads.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(
  /\s+/g,
  " ",
);

describe("the README's metric definitions", () => {
  it.each(METRICS.map((m) => [m.label, m.definition]))("defines %s as the pages do", (label, d) => {
    expect(readme.includes(`**${label}**: ${d}`), label).toBe(true);
  });
  it.each(Object.values({ ...RULES, ...DASHBOARD_RULES }))("states the rule: %s", (rule) => {
    expect(readme.includes(rule), rule).toBe(true);
  });
});
