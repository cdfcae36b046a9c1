import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { getPassage, plainText } from "@/lib/policy/engine/passages";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { authorizationGrant, authorizationRows, defaultValidTo } from "./authorization";
import { denialRationale, quotedSentence } from "./denial-rationale";
import type { HistoryEntry } from "./case-history";
import { answerChanges, correctionNotes, decidedReading } from "./readings";
import { serviceOf } from "./service";

const DLI = SAMPLE_SUBMISSION.answers;

describe("the suggested denial rationale, in plain words", () => {
  it.each([
    ["no prior allogeneic HSCT", { ...DLI, priorTransplant: "none" }, "Prior HSCT"],
    ["a solid tumor", { ...DLI, diagnosis: "solid-tumor" }, "Hematologic malignancy"],
    ["another DLI indication", { ...DLI, dliIndication: "other" }, "DLI indication"],
    [
      "an HPC boost for another indication",
      {
        service: "hpc-boost",
        priorTransplant: "autologous",
        sameDonor: true,
        preparativeRegimen: false,
        boostIndication: "other",
      },
      "HPC boost indication",
    ],
  ])(
    "names the criterion, quotes the policy's sentence and its section: %s",
    (_n, answers, criterion) => {
      const evaluation = evaluate(SAMPLE_POLICY, answers);
      const text = denialRationale(SAMPLE_POLICY, evaluation);
      expect(text).toContain(`Criterion: ${criterion}.`);
      expect(text).toContain(evaluation.decidedBy.reason);
      // No gate numbers, no passage ids: a physician reads this.
      expect(text).not.toMatch(/\bgate\b/i);
      for (const id of evaluation.decidedBy.cites) expect(text).not.toContain(id);
      // The quote is the policy's own words, from one of the passages the rule cites.
      const quote = quotedSentence(
        SAMPLE_POLICY,
        evaluation.decidedBy.cites,
        evaluation.decidedBy.reason,
      )!;
      expect(text).toContain(`“${quote.sentence}” (${quote.section})`);
      const cited = evaluation.decidedBy.cites.map((id) =>
        plainText(getPassage(SAMPLE_POLICY, id)).replace(/\n/g, " "),
      );
      const words = quote.sentence.replace(/[;:]/g, " ").split(/\s+/).filter(Boolean);
      expect(cited.some((passage) => words.every((w) => passage.includes(w)))).toBe(true);
    },
  );

  it("quotes a coverage statement with its list whole", () => {
    const evaluation = evaluate(SAMPLE_POLICY, {
      service: "hpc-boost",
      priorTransplant: "autologous",
      sameDonor: true,
      preparativeRegimen: false,
      boostIndication: "other",
    });
    expect(denialRationale(SAMPLE_POLICY, evaluation)).toContain(
      "“Hematopoietic progenitor cell (HPC) boost is considered medically necessary following autologous and allogeneic HSCT for EITHER of the following indications: promote engraftment; enhancement of chimerism when studies reveal <100% donor cells” (Coverage Policy)",
    );
  });
});

describe("a correction, answer by answer", () => {
  it("names each changed answer by its subject, from → to, in the questionnaire's order", () => {
    const after = { ...DLI, dliIndication: "persistent", diagnosis: "aml" };
    expect(answerChanges(SAMPLE_POLICY, DLI, after)).toEqual([
      {
        label: "Diagnosis",
        from: "Chronic myelogenous leukemia (CML)",
        to: "Acute myeloid leukemia (AML)",
      },
      {
        label: "DLI indication",
        from: "Relapsed hematologic malignancy",
        to: "Persistent hematologic malignancy (including measurable residual disease)",
      },
    ]);
  });

  it("labels both readings the same way wherever they are shown", () => {
    const notes = correctionNotes(SAMPLE_POLICY, {
      before: { answers: DLI, determination: "medically-necessary" },
      after: {
        answers: { ...DLI, dliIndication: "other" },
        determination: "experimental-investigational-unproven",
      },
    });
    expect(notes).toEqual([
      "Corrected answers: DLI indication: Relapsed hematologic malignancy → Other — not treatment or prevention of the hematologic malignancy.",
      expect.stringMatching(
        /^Reading before the correction: Medically necessary\. Reading with the corrected answers: Experimental/,
      ),
    ]);
  });
});

describe("the reading a request is decided on, titled alike on its page and in its PDF", () => {
  const physician = { id: "p", name: "Dr. Grace Hopper", role: "physician" } as const;
  const message = (determinations?: [string, string]): HistoryEntry => ({
    at: "2026-11-26T10:00:00Z",
    actor: physician,
    kind: "reply",
    body: "Corrected.",
    attachments: [],
    detail: determinations
      ? {
          corrected: true,
          before: { answers: DLI, determination: determinations[0] },
          after: { answers: DLI, determination: determinations[1] },
        }
      : {},
  });
  it.each<[string, HistoryEntry[], object]>([
    ["never corrected", [], { heading: "Reading at submission" }],
    ["a reply without corrected answers", [message()], { heading: "Reading at submission" }],
    [
      "corrected twice: the reading before the first correction",
      [
        message(["medically-necessary", "not-medically-necessary"]),
        message(["not-medically-necessary", "outside-policy"]),
      ],
      {
        heading: "Reading with the corrected answers",
        before: "Reading before the correction: Medically necessary.",
      },
    ],
  ])("%s", (_case, entries, expected) => {
    expect(decidedReading(SAMPLE_POLICY, entries)).toEqual(expected);
  });
});

describe("what an approval authorizes", () => {
  it("is the requested service and CPT code, 1 unit, from the planned date for the policy's 90 days", () => {
    expect(serviceOf(SAMPLE_POLICY, DLI)).toEqual({
      label: "Donor lymphocyte infusion (DLI)",
      cpt: "38242",
    });
    const grant = authorizationGrant(SAMPLE_POLICY, { serviceDate: "2027-01-31", answers: DLI });
    expect(grant).toEqual({
      ok: true,
      grant: {
        service: "Donor lymphocyte infusion (DLI)",
        cpt: "38242",
        units: 1,
        validFrom: "2027-01-31",
        validTo: "2027-04-30",
      },
    });
    expect(defaultValidTo(SAMPLE_POLICY.id, "2027-01-31")).toBe("2027-04-30");
  });

  it("may be shortened and given more units, never lengthened or ended before it starts", () => {
    const terms = (validTo?: string, units?: number) =>
      authorizationGrant(
        SAMPLE_POLICY,
        { serviceDate: "2027-01-31", answers: DLI },
        { validTo, units },
      );
    expect(terms("2027-02-15", 2)).toMatchObject({
      ok: true,
      grant: { validTo: "2027-02-15", units: 2 },
    });
    expect(terms("2027-05-01")).toMatchObject({ ok: false, issues: [{ path: "validTo" }] });
    expect(terms("2027-01-30")).toMatchObject({ ok: false, issues: [{ path: "validTo" }] });
    expect(terms(undefined, 0)).toMatchObject({ ok: false, issues: [{ path: "units" }] });
    expect(terms(undefined, 100)).toMatchObject({ ok: false, issues: [{ path: "units" }] });
  });

  it("reads the same on every surface: number, service and CPT, units, both days, issuer", () => {
    expect(
      authorizationRows(
        {
          number: "PA-2026-00000042",
          service: "Donor lymphocyte infusion (DLI)",
          cpt: "38242",
          units: 1,
          validFrom: "2027-01-31",
          validTo: "2027-04-30",
          issuedAt: "2026-12-05T10:00:00.000Z",
          issuedBy: "d1",
          byRule: false,
        },
        "Dr. Dee (medical director)",
      ),
    ).toEqual([
      ["Authorization number", "PA-2026-00000042"],
      ["Service", "Donor lymphocyte infusion (DLI), CPT 38242"],
      ["Units", "1"],
      ["Valid", "2027-01-31 to 2027-04-30 (90 days, both included)"],
      ["Issued", "2026-12-05 by Dr. Dee (medical director)"],
    ]);
  });
});
