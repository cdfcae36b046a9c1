import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getPassage as getPassageOf, plainText } from "@/lib/policy/engine/passages";
import { coveragePolicy0261 } from ".";

const policy = coveragePolicy0261.versions[0]!;
const PASSAGES = policy.passages;
const getPassage = (id: string) => getPassageOf(policy, id);

const source = readFileSync(
  new URL("./source/coverage-policy-0261-source.md", import.meta.url),
  "utf8",
);
const sourceLines = source.split("\n").map((l) => l.trim());

describe("the policy document as passages", () => {
  it("has unique ids", () => {
    const ids = PASSAGES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("quotes every line verbatim, in the source's order", () => {
    let at = 0;
    for (const passage of PASSAGES)
      for (const line of passage.lines) {
        const found = sourceLines.indexOf(line, at);
        expect(found, `${passage.id}: ${line.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
  });

  it("leaves out nothing but headings", () => {
    const quoted = new Set(PASSAGES.flatMap((p) => p.lines));
    const left = sourceLines.filter(
      (l) => l !== "" && l !== "---" && !/^#{1,6} /.test(l) && !quoted.has(l),
    );
    expect(left).toEqual([
      "**Professional Societies/Organizations**",
      "**Use outside the US**",
      "**Medicare Coverage Determinations**",
    ]);
  });

  it("names each passage's section with headings from the source", () => {
    for (const p of PASSAGES)
      for (const heading of p.section) expect(source, p.id).toContain(heading);
    // r3: a literature passage's breadcrumb names its disease subsection.
    expect(getPassage("literature.cml.1").section).toEqual([
      "General Background",
      "Donor Lymphocyte Infusion (DLI)",
      "Literature Review",
      "Chronic Myelogenous Leukemia (CML)",
    ]);
    for (const p of PASSAGES.filter((p) => p.id.startsWith("literature.")))
      expect(p.section.length, p.id).toBe(p.id.startsWith("literature.hpc-boost.") ? 3 : 4);
  });

  it("keeps the coverage statements and the attribution", () => {
    expect(plainText(getPassage("coverage-policy.dli"))).toBe(
      "Donor lymphocyte infusion (DLI) is considered medically necessary following an allogeneic hematopoietic stem cell transplantation (HSCT) for the treatment of a relapsed, persistent or refractory hematologic malignancy or when there is high risk of relapse of a hematologic malignancy.",
    );
    expect(plainText(getPassage("coverage-policy.hpc-boost"))).toContain(
      "enhancement of chimerism when studies reveal <100% donor cells",
    );
    expect(plainText(getPassage("attribution"))).toContain("© 2021 Cigna.");
  });

  it("joins a paragraph split by a page break into one passage", () => {
    const mainardi = getPassage("literature.hpc-boost.3");
    expect(mainardi.lines).toHaveLength(2);
    expect(mainardi.lines[1]).toMatch(/^patients resolved one or two of their cytopenias/);
  });
});
