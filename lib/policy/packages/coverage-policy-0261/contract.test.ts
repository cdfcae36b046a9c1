import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findPassage, getPassage as getPassageOf } from "@/lib/policy/engine/passages";
import { coveragePolicy0261 } from ".";
import { FIELDS, HEMATOLOGIC_MALIGNANCIES } from "./fields";
import { GATES } from "./gates";
import { QUESTIONS } from "./questions";

const policy = coveragePolicy0261.versions[0]!;
const DETERMINATION_LABELS = Object.fromEntries(
  policy.determinations.map((d) => [d.value, d.label]),
);
const DETERMINATION_NOTE = policy.determinationNote;
const RULES_REVISION = policy.rulesRevision;
const getPassage = (id: string) => getPassageOf(policy, id);
const isPassageId = (id: string) => findPassage(policy, id) !== undefined;

// The contract as the product carries it (a copy of ../shared/policy/rules-0261.md).
const contract = readFileSync(new URL("./source/rules-0261.md", import.meta.url), "utf8");
const tableRows = (heading: string) => {
  const section = contract.split(/^## /m).find((s) => s.startsWith(heading))!;
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
};
const unquote = (s: string) => s.replace(/`/g, "");
// Revision markers ("**(r2)**", "**(r2 labels)**", "**(r2: second)**") annotate the contract; the
// product shows the words without them.
const unmark = (s: string) => s.replace(/\s*\*\*\(r2[^)]*\)\*\*\s*/g, " ").trim();
const contractText = contract.replace(/\s+/g, " ");

describe("questions follow the contract word for word", () => {
  const rows = tableRows("Answers").map((row) => row.map(unmark));

  it("has one question per contract field, in gate order", () => {
    expect(rows.map((r) => unquote(r[0]!))).toEqual([...FIELDS]);
    expect(QUESTIONS.map((q) => q.field)).toEqual([...FIELDS]);
    expect(GATES.flatMap((g) => (g.field ? [g.field] : []))).toEqual([...FIELDS]);
  });

  it.each(rows)("%s", (field, text, values, askedWhen) => {
    const question = QUESTIONS.find((q) => q.field === unquote(field))!;
    expect(question.text).toBe(text);

    if (question.kind === "number") {
      expect(values).toBe(`number, ${question.min} ≤ x ≤ ${question.max}`);
    } else {
      const expected = values!.split(" · ").map((pair) => {
        const [value, label] = pair.split(" → ");
        return { value: unquote(value!), label };
      });
      const options = question.options;
      expect(options.map((o) => ({ value: String(o.value), label: o.label }))).toEqual(expected);
    }

    const conditions = question.askedWhen.map((c) =>
      "in" in c ? { field: c.field, in: c.in } : c,
    );
    expect(conditions).toEqual(ASKED_WHEN[unquote(askedWhen!)]);
  });

  it("reads every 'asked when' of the contract", () => {
    expect(Object.keys(ASKED_WHEN).sort()).toEqual(rows.map((r) => unquote(r[3]!)).sort());
  });

  it("shows each determination with the contract's label", () => {
    const rows = tableRows("Determinations").map((row) => row.map(unmark));
    expect(Object.fromEntries(rows.map(([v, label]) => [unquote(v!), label]))).toEqual(
      DETERMINATION_LABELS,
    );
  });

  it("marks the services with their CPT codes", () => {
    const rows = tableRows("Services");
    const service = QUESTIONS[0]!;
    if (service.kind !== "choice") throw new Error("service is a choice");
    expect(rows.map(([v, , cpt]) => [unquote(v!), cpt])).toEqual(
      service.options.map((o) => [o.value, o.cpt]),
    );
  });
});

// The contract's "asked when" column as conditions on the answers asked before. "When no earlier
// gate decided" is how every gate is read (lib/policy/evaluate.ts), so it adds no condition.
const ALLOGENEIC_OR_AUTOLOGOUS = [{ field: "priorTransplant", in: ["allogeneic", "autologous"] }];
const ASKED_WHEN: Record<string, unknown[]> = {
  "always, first": [],
  "service = dli": [{ field: "service", in: ["dli"] }],
  "service = dli, after a hematologic-malignancy diagnosis": [
    { field: "service", in: ["dli"] },
    { field: "diagnosis", in: [...HEMATOLOGIC_MALIGNANCIES] },
  ],
  "when no earlier gate decided": [],
  "after any prior HSCT, when no earlier gate decided": ALLOGENEIC_OR_AUTOLOGOUS,
  "after a prior HSCT, when no earlier gate decided": ALLOGENEIC_OR_AUTOLOGOUS,
  "service = hpc-boost, when no earlier gate decided": [{ field: "service", in: ["hpc-boost"] }],
  "boostIndication = enhance-chimerism after an allogeneic HSCT": [
    { field: "boostIndication", in: ["enhance-chimerism"] },
    { field: "priorTransplant", in: ["allogeneic"] },
  ],
};

const choice = (field: string) => {
  const question = QUESTIONS.find((q) => q.field === field)!;
  if (question.kind !== "choice") throw new Error(`${field} is a choice`);
  return question;
};
const option = (field: string, value: string) =>
  choice(field).options.find((o) => String(o.value) === value)!;

describe("revision 2 of the contract", () => {
  // "- `field`: "…"" or "- `field = value` …: "…"", each bullet of the help-text list.
  const helpSection = contract
    .split("Help texts the form must show (r2)")[1]!
    .split("\nAn answer")[0]!;
  const helps = helpSection
    .split(/\n- /)
    .slice(1)
    .map((bullet) => bullet.replace(/\s+/g, " "))
    .flatMap((bullet) => {
      const match = /^`([^`]+)`([^:"]*): "([^"]+)"/.exec(bullet);
      return match ? [[match[1]!, match[2]!.trim(), match[3]!] as const] : [];
    });

  it("shows each help text of the contract word for word, where the contract says", () => {
    const shown = helps.map(([target, qualifier]) => {
      const [field, value] = target.split(" = ");
      if (value === undefined) return [target, QUESTIONS.find((q) => q.field === field)!.help];
      const o = option(field!, value);
      return [target, qualifier ? o.helpWhen?.text : o.help];
    });
    expect(shown).toEqual(helps.map(([target, , text]) => [target, text]));
    expect(helps.map(([target]) => target)).toEqual([
      "preparativeRegimen",
      "dliIndication = high-risk-of-relapse",
      "dliIndication = other",
      "diagnosis = nhl",
      "boostIndication = promote-engraftment",
      "boostIndication = enhance-chimerism",
      "donorChimerismPercent",
    ]);
    expect(option("boostIndication", "enhance-chimerism").helpWhen?.when).toEqual([
      { field: "priorTransplant", in: ["autologous"] },
    ]);
  });

  it("says another cell source, a conditioning regimen and a boost without HSCT are transplants", () => {
    const transplant =
      "a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy";
    expect(contractText).toContain(
      "say that the request is then a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy.",
    );
    expect(option("sameDonor", "false").help).toContain(transplant);
    expect(option("preparativeRegimen", "true").help).toContain(transplant);
    expect(option("priorTransplant", "none").helpWhen).toEqual({
      when: [{ field: "service", in: ["hpc-boost"] }],
      text: expect.stringContaining(transplant),
    });
  });

  it("shows the infection sentence beside 'other' as background, never as its support", () => {
    const other = option("dliIndication", "other");
    expect(other.notAdopted?.quote).toContain("can treat infections");
    expect(getPassage(other.notAdopted!.passage).lines.join(" ")).toContain(
      other.notAdopted!.quote,
    );
  });

  it("carries the line under every determination, the 0% note and the rules revision", () => {
    expect(contractText).toContain(`"${DETERMINATION_NOTE}"`);
    const zero = GATES.find((g) => g.field === "donorChimerismPercent")!.rules[0]!;
    expect(contractText).toContain(`the trace adds: "${zero.note}"`);
    expect(contractText).toContain(`The rules version (\`${RULES_REVISION}\`)`);
  });
});

describe("citations", () => {
  it("every question and every option cites at least one existing passage", () => {
    for (const q of QUESTIONS) {
      expect(q.cites.length, q.field).toBeGreaterThan(0);
      expect(q.cites.every(isPassageId), q.field).toBe(true);
      if (q.kind === "choice")
        for (const o of q.options) {
          expect(o.cites.length, `${q.field}=${o.value}`).toBeGreaterThan(0);
          expect(o.cites.every(isPassageId)).toBe(true);
        }
    }
  });

  it("every rule of every gate cites an existing passage", () => {
    for (const gate of GATES)
      for (const rule of gate.rules) {
        expect(rule.cites.length).toBeGreaterThan(0);
        expect(rule.cites.every(isPassageId)).toBe(true);
      }
  });

  it.each([
    ["cml", "Chronic Myelogenous Leukemia (CML)", 2],
    ["all", "Acute Lymphocytic Leukemia (ALL)", 2],
    ["aml", "Acute Myelogenous Leukemia (AML)/Myelodysplastic Syndrome (MDS)", 1],
    ["mds", "Acute Myelogenous Leukemia (AML)/Myelodysplastic Syndrome (MDS)", 2],
    ["multiple-myeloma", "Multiple Myeloma (MM)", 2],
    ["nhl", "Non-Hodgkin Lymphoma (NHL)", 1],
  ])("diagnosis %s cites its literature review (%s)", (value, heading, count) => {
    const diagnosis = QUESTIONS.find((q) => q.field === "diagnosis")!;
    if (diagnosis.kind !== "choice") throw new Error("diagnosis is a choice");
    const option = diagnosis.options.find((o) => o.value === value)!;
    const literature = option.cites.filter((id) => id.startsWith("literature."));
    expect(literature).toHaveLength(count);
    const first = getPassage(literature[0]!);
    expect(first.section.at(-1)).toBe("Literature Review");
    expect(first.lines[0]).toContain(`**${heading}:**`);
  });

  it("quotes the poor graft function definition beside the promote-engraftment option", () => {
    const boost = QUESTIONS.find((q) => q.field === "boostIndication")!;
    if (boost.kind !== "choice") throw new Error("boostIndication is a choice");
    const option = boost.options.find((o) => o.value === "promote-engraftment")!;
    expect(option.help).toContain("persistent cytopenias and/or transfusion dependence");
    expect(getPassage("background.hpc-boost.1").lines[0]).toContain(
      "Poor graft function is a severe complication of HSCT which is defined as persistent cytopenias and/or transfusion dependence.",
    );
  });
});
