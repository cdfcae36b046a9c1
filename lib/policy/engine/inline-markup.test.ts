import { describe, expect, it } from "vitest";
import { parseInline, toBlocks } from "./inline-markup";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { getPassage as getPassageOf, plainText } from "./passages";

// The policy source of the first package is the markup this parser was written for.
const policy = coveragePolicy0261.versions[0]!;
const PASSAGES = policy.passages;
const getPassage = (id: string) => getPassageOf(policy, id);

describe("inline markup of the policy source", () => {
  it.each([
    ["plain", [{ text: "plain" }]],
    ["**CML:** DLI", [{ text: "CML:", bold: true }, { text: " DLI" }]],
    [
      "a CD34<sup>+</sup>-selected",
      [{ text: "a CD34" }, { text: "+", sup: true }, { text: "-selected" }],
    ],
    ["( $p < .001$ ,", [{ text: "( " }, { text: "p < .001" }, { text: " ," }]],
    ["*Blood*. 2008", [{ text: "Blood", italic: true }, { text: ". 2008" }]],
    [
      "[Stem Cell Transplantation: Blood Cancers](#)",
      [{ text: "Stem Cell Transplantation: Blood Cancers" }],
    ],
    ["\\*Current", [{ text: "*" }, { text: "Current" }]],
    ["<b>Contractor</b>", [{ text: "Contractor", bold: true }]],
  ])("%s", (line, runs) => {
    expect(parseInline(line)).toEqual(runs);
  });

  it("groups a statement and its list, and a table", () => {
    expect(toBlocks(getPassage("coverage-policy.hpc-boost").lines).map((b) => b.kind)).toEqual([
      "paragraph",
      "list",
    ]);
    expect(toBlocks(getPassage("coding.cpt").lines).map((b) => b.kind)).toEqual([
      "paragraph",
      "table",
      "paragraph",
    ]);
  });

  it("leaves no markup in any passage's plain text", () => {
    for (const p of PASSAGES) expect(plainText(p), p.id).not.toMatch(/\*\*|<\/?(b|sup)>|\]\(|\$/);
  });
});
