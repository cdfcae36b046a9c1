import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findPassage, getPassage as getPassageOf } from "@/lib/policy/engine/passages";
import {
  allCitesOfOption,
  citationsFor,
  optionHelp,
  questionHelp,
  questionText,
} from "@/lib/policy/engine/questions";
import type { Answers } from "@/lib/policy/engine/types";
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
// Revision markers ("**(r2)**", "**(r2 labels)**", "**(r3)**", "**(r2: second)**") annotate the
// contract; the product shows the words without them. Two r3 notes sit inside an option's cell
// and are read apart: "(**r3:** offered only after …)" and "(help, r3: "…")".
const unmark = (s: string) =>
  s
    .replace(/\s*\*\*\(r\d[^)]*\)\*\*\s*/g, " ")
    .replace(/\s*\(\*\*r\d:\*\*[^)]*\)/g, "")
    .replace(/\s*\(help, r\d: "[^"]*"\)/g, "")
    .trim();
/** The cases a service names, for words the contract gives per service ("DLI: "…" · HPC boost: "…""). */
const SERVICE_CASES: Record<string, Answers> = {
  DLI: { service: "dli" },
  "HPC boost": { service: "hpc-boost" },
};
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
    const perService = [...text!.matchAll(/(DLI|HPC boost): "([^"]+)"/g)];
    if (perService.length === 0) expect(question.text).toBe(text);
    for (const [, service, wording] of perService)
      expect(questionText(question, SERVICE_CASES[service!]!), service).toBe(wording);

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

/** A case in which a help text of `field` applies: its service, after an allogeneic HSCT. */
const caseFor = (field: string): Answers =>
  ["boostIndication", "donorChimerismPercent"].includes(field)
    ? { service: "hpc-boost", priorTransplant: "allogeneic" }
    : { service: "dli", priorTransplant: "allogeneic" };

describe("revision 3 of the contract", () => {
  // Each bullet of the help-text list: "- `field`…: "…"", "- `field = value` …: "…"", or a
  // field with one help per service in nested bullets ("  - DLI: "…"").
  const helpSection = contract
    .split("Help texts the form must show (r2)")[1]!
    .split("\nAn answer")[0]!;
  const helps = helpSection
    .split(/\n- /)
    .slice(1)
    .flatMap((bullet) => {
      const target = /^`([^`]+)`/.exec(bullet)?.[1];
      if (!target) return [];
      const nested = [...bullet.matchAll(/\n {2}- (DLI|HPC boost): "([^"]+)"/g)];
      if (nested.length)
        return nested.map(([, service, text]) => ({
          target,
          answers: SERVICE_CASES[service!]!,
          text: text!.replace(/\s+/g, " "),
        }));
      const text = /^[^"]*?: "([^"]+)"/.exec(bullet.replace(/\s+/g, " "))?.[1];
      return text ? [{ target, answers: caseFor(target.split(" = ")[0]!), text }] : [];
    });
  const shown = (target: string, answers: Answers) => {
    const [field, value] = target.split(" = ");
    const question = QUESTIONS.find((q) => q.field === field)!;
    if (value === undefined) return questionHelp(question, answers).join(" ");
    return optionHelp(option(field!, value), answers).join(" ");
  };

  it("shows each help text of the contract word for word, in the case it belongs to", () => {
    expect(helps.map((h) => [h.target, shown(h.target, h.answers)])).toEqual(
      helps.map((h) => [h.target, h.text]),
    );
    expect(helps.map((h) => h.target)).toEqual([
      "preparativeRegimen",
      "preparativeRegimen",
      "dliIndication = relapsed",
      "dliIndication = persistent",
      "dliIndication = refractory",
      "dliIndication = high-risk-of-relapse",
      "dliIndication = other",
      "diagnosis = nhl",
      "boostIndication = promote-engraftment",
      "boostIndication = enhance-chimerism",
      "boostIndication = other",
      "donorChimerismPercent",
    ]);
    const other = /`other-hematologic-malignancy` → [^(]+\(help, r3: "([^"]+)"\)/.exec(contract);
    expect(option("diagnosis", "other-hematologic-malignancy").help).toBe(other![1]);
  });

  it("shows a help text that belongs to one service only there", () => {
    const regimen = QUESTIONS.find((q) => q.field === "preparativeRegimen")!;
    const [dli, boost] = [SERVICE_CASES.DLI!, SERVICE_CASES["HPC boost"]!].map((a) =>
      questionHelp(regimen, a).join(" "),
    );
    expect(dli).toContain("cytoreduction");
    expect(dli).not.toContain("Reinduction");
    expect(boost).toContain("Reinduction");
    expect(boost).not.toContain("cytoreduction");
  });

  it("says another cell source or a conditioning regimen is a transplant for an HPC boost only", () => {
    const transplant =
      "a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy";
    expect(contractText).toContain(
      "say that the request is then a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy;",
    );
    const boost = SERVICE_CASES["HPC boost"]!;
    const dli = SERVICE_CASES.DLI!;
    for (const [field, value] of [
      ["sameDonor", "false"],
      ["preparativeRegimen", "true"],
      ["priorTransplant", "none"],
    ] as const) {
      expect(optionHelp(option(field, value), boost).join(" "), field).toContain(transplant);
      expect(optionHelp(option(field, value), dli).join(" "), field).not.toContain("transplant (");
    }
    // For a DLI, the gate's own reason: lymphocytes are not a stem-cell transplant.
    const reason = (field: string, service: string) =>
      GATES.find((g) => g.field === field)!.rules.find(
        (r) =>
          r.determination === "outside-policy" &&
          r.when.some((c) => "in" in c && c.field === "service" && c.in.includes(service)),
      )!.reason;
    expect(optionHelp(option("sameDonor", "false"), dli)).toEqual([reason("sameDonor", "dli")]);
    expect(optionHelp(option("preparativeRegimen", "true"), dli)).toEqual([
      reason("preparativeRegimen", "dli"),
    ]);
    for (const [field, service, words] of [
      ["sameDonor", "dli", "Lymphocytes from anyone other than the HSCT donor"],
      ["sameDonor", "hpc-boost", "Stem cells from another source are a new transplant"],
      ["preparativeRegimen", "dli", "A DLI after conditioning is not the DLI this policy"],
      ["preparativeRegimen", "hpc-boost", "With conditioning the request is a transplant"],
    ] as const) {
      expect(reason(field, service)).toContain(words);
      expect(contractText).toContain(reason(field, service));
    }
  });

  it("shows the infection sentence beside 'other' as background, never as its support", () => {
    const other = option("dliIndication", "other");
    expect(other.beside?.quote).toContain("can treat infections");
    expect(getPassage(other.beside!.passage).lines.join(" ")).toContain(other.beside!.quote);
    expect(other.cites).not.toContain("background.dli.2");
  });

  it("shows DLI ¶1 beside a high risk of relapse, as a sentence a reviewer may weigh", () => {
    const highRisk = option("dliIndication", "high-risk-of-relapse");
    expect(highRisk.beside?.quote).toBe(
      "DLI is not used to promote engraftment or enhancement of chimerism",
    );
    expect(getPassage("background.dli.1").lines[0]).toContain(highRisk.beside!.quote);
    // Patriarca (ALL ¶2) and Bloor (NHL) are cited for it.
    expect(highRisk.cites).toEqual(
      expect.arrayContaining(["literature.all.2", "literature.nhl.1"]),
    );
  });

  it("offers Enhance chimerism only after an allogeneic HSCT", () => {
    const enhance = option("boostIndication", "enhance-chimerism");
    expect(enhance.offered?.when).toEqual([{ field: "priorTransplant", in: ["allogeneic"] }]);
    expect(contractText).toContain(`with the reason: "${enhance.offered!.otherwise}"`);
  });

  it("carries the r3 line under every determination and the rules revision", () => {
    expect(contractText).toContain(`"${DETERMINATION_NOTE}"`);
    expect(DETERMINATION_NOTE).toBe(
      "This is how the policy reads these answers; it is not the coverage decision.",
    );
    expect(contractText).toContain(`The rules version (\`${RULES_REVISION}\`)`);
  });

  it("says 'medically necessary under this policy', never 'covered', in help texts and reasons", () => {
    const words = [
      ...QUESTIONS.flatMap((q) => [
        q.text,
        q.help,
        ...(q.textFor ?? []).map((v) => v.text),
        ...(q.helpFor ?? []).map((v) => v.text),
        ...(q.kind === "choice"
          ? q.options.flatMap((o) => [
              o.label,
              o.help,
              o.beside?.why,
              o.offered?.otherwise,
              ...(o.helpFor ?? []).map((v) => v.text),
            ])
          : []),
      ]),
      ...GATES.flatMap((g) => g.rules.flatMap((r) => [r.reason, r.note])),
    ].filter((w): w is string => w !== undefined);
    expect(words.filter((w) => /\bcover(ed|s)?\b/i.test(w))).toEqual([]);
  });
});

describe("citations", () => {
  it("every question, in every service it is asked for, and every option cites an existing passage", () => {
    for (const q of QUESTIONS) {
      for (const answers of Object.values(SERVICE_CASES)) {
        const ids = citationsFor(q, undefined, answers);
        expect(ids.length, q.field).toBeGreaterThan(0);
        expect(ids.every(isPassageId), q.field).toBe(true);
      }
      if (q.kind === "choice")
        for (const o of q.options) {
          expect(allCitesOfOption(o).length, `${q.field}=${o.value}`).toBeGreaterThan(0);
          expect(allCitesOfOption(o).every(isPassageId)).toBe(true);
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
    // r3: Patriarca (ALL ¶2, acute leukemia) is cited for AML and ALL alike.
    ["aml", "Acute Myelogenous Leukemia (AML)/Myelodysplastic Syndrome (MDS)", 2],
    ["mds", "Acute Myelogenous Leukemia (AML)/Myelodysplastic Syndrome (MDS)", 2],
    ["multiple-myeloma", "Multiple Myeloma (MM)", 2],
    ["nhl", "Non-Hodgkin Lymphoma (NHL)", 1],
  ])("diagnosis %s cites its literature review (%s)", (value, heading, count) => {
    const literature = option("diagnosis", value).cites.filter((id) =>
      id.startsWith("literature."),
    );
    expect(literature).toHaveLength(count);
    const first = getPassage(literature[0]!);
    // r3: the breadcrumb names the disease subsection, the run-in heading of its first passage.
    expect(first.section.slice(-2)).toEqual(["Literature Review", heading]);
    expect(first.lines[0]).toContain(`**${heading}:**`);
  });

  it("cites Patriarca for AML under its own subsection, Acute Lymphocytic Leukemia (ALL)", () => {
    expect(option("diagnosis", "aml").cites).toContain("literature.all.2");
    expect(getPassage("literature.all.2").lines[0]).toMatch(/^Patriarca et al\. \(2020\)/);
    expect(getPassage("literature.all.2").section.at(-1)).toBe("Acute Lymphocytic Leukemia (ALL)");
  });

  it("quotes the poor graft function definition beside the promote-engraftment option", () => {
    expect(option("boostIndication", "promote-engraftment").help).toContain(
      "persistent cytopenias and/or transfusion dependence",
    );
    expect(getPassage("background.hpc-boost.1").lines[0]).toContain(
      "Poor graft function is a severe complication of HSCT which is defined as persistent cytopenias and/or transfusion dependence.",
    );
  });
});
