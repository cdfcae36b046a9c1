import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DETERMINATION_LABELS } from "./determinations";
import { FIELDS } from "./fields";
import { GATES } from "./gates";
import { getPassage, isPassageId } from "./passages";
import { QUESTIONS } from "./questions";

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

describe("questions follow the contract word for word", () => {
  const rows = tableRows("Answers");

  it("has one question per contract field, in gate order", () => {
    expect(rows.map((r) => unquote(r[0]!))).toEqual([...FIELDS]);
    expect(QUESTIONS.map((q) => q.field)).toEqual([...FIELDS]);
    expect(GATES.map((g) => g.field)).toEqual([...FIELDS]);
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
    if (askedWhen === "always" || askedWhen === "always, first") expect(conditions).toEqual([]);
    else if (askedWhen === "after a prior HSCT")
      expect(conditions).toEqual([{ field: "priorTransplant", in: ["allogeneic", "autologous"] }]);
    else {
      const [f, v] = unquote(askedWhen!).split(" = ");
      expect(conditions).toEqual([{ field: f, in: [v] }]);
    }
  });

  it("shows each determination with the contract's label", () => {
    const rows = tableRows("Determinations");
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
