import type { QuestionnaireItem } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import { getPassage as getPassageOf } from "@/lib/policy/engine/passages";
import { allCitesOfOption, getQuestion as getQuestionOf } from "@/lib/policy/engine/questions";
import type { Answers } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { FIELDS } from "@/lib/policy/packages/coverage-policy-0261/fields";
import { EVERYDAY_SEED, EVERYDAY_STRAYS, everydayAnswerSets } from "@/test/answer-space";
import { roundTripLosses } from "@/test/response-round-trip";
import {
  codeSystemUrl as codeSystemUrlOf,
  legacyQuestionnaireUrl,
  questionnaireCanonical,
  questionnaireUrl as questionnaireUrlOf,
} from "./canonical";
import { policyCodeSystems as codeSystemsOf } from "./code-systems";
import {
  answersFromResponse as fromResponse,
  answersToResponse as toResponse,
} from "./questionnaire-response";
import { optionHelpTexts, policyQuestionnaire } from "./questionnaire";
import { searchConformance as search } from "./conformance";

// Policy 0261 through the FHIR module, which takes any policy.
const policy = coveragePolicy0261.versions[0]!;
const QUESTIONS = policy.questions;
const BASE = "https://pa.example.org/api/fhir";
const LEGACY_QUESTIONNAIRE_URL = legacyQuestionnaireUrl(policy);
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
const getPassage = (id: string) => getPassageOf(policy, id);
const getQuestion = (field: string) => getQuestionOf(policy, field);
const codeSystemUrl = (base: string, field: string) => codeSystemUrlOf(base, policy, field);
const questionnaireUrl = (base: string) => questionnaireUrlOf(base, policy);
const policyCodeSystems = (base: string) => codeSystemsOf(base, policy);
const searchConformance = (base: string, type: "Questionnaire" | "CodeSystem", url: string) =>
  search(base, [policy], type, url);
const answersToResponse = (answers: Answers, status: "completed" | "in-progress", base: string) =>
  toResponse(policy, answers, status, base);
const answersFromResponse = (resource: unknown, base: string) =>
  fromResponse(policy, resource, base);
const questionnaire = policyQuestionnaire(BASE, policy, new Date("2026-11-26T00:00:00Z"));
const itemOf = (linkId: string) => questionnaire.item!.find((i) => i.linkId === linkId)!;
const extensionOf = (item: QuestionnaireItem, url: string) =>
  item.extension?.find((e) => e.url.endsWith(url));

describe("the FHIR Questionnaire, generated from lib/policy", () => {
  it("has one required item per contract field, typed as the wizard asks it", () => {
    expect(questionnaire.item!.map((i) => i.linkId)).toEqual([...FIELDS]);
    for (const q of QUESTIONS) {
      const item = itemOf(q.field);
      expect(item.text).toBe(q.text);
      expect(item.required).toBe(true);
    }
    expect(["sameDonor", "preparativeRegimen"].map((f) => itemOf(f).type)).toEqual([
      "boolean",
      "boolean",
    ]);
    expect(itemOf("sameDonor").answerOption).toBeUndefined();
  });

  it("codes every coded answer in a CodeSystem served at its canonical URL", () => {
    const systems = policyCodeSystems(BASE);
    for (const field of [
      "service",
      "diagnosis",
      "dliIndication",
      "priorTransplant",
      "boostIndication",
    ] as const) {
      const question = getQuestion(field);
      if (question.kind !== "choice") throw new Error("a choice");
      const item = itemOf(field);
      expect(item.type).toBe("choice");
      expect(item.answerOption!.map((o) => o.valueCoding)).toEqual(
        question.options.map((o) =>
          expect.objectContaining({
            system: codeSystemUrl(BASE, field),
            code: String(o.value),
            display: o.label,
          }),
        ),
      );
      const system = systems.find((s) => s.url === codeSystemUrl(BASE, field))!;
      expect(system.url).toBe(`${BASE}/CodeSystem/${system.id}`);
      expect(system.concept!.map((c) => [c.code, c.display])).toEqual(
        question.options.map((o) => [String(o.value), o.label]),
      );
      // The search a client makes with the URL finds it.
      expect(searchConformance(BASE, "CodeSystem", system.url!).entry![0]!.resource).toEqual(
        system,
      );
    }
    expect(systems).toHaveLength(5);
  });

  it("carries each option's help with the option, in the help item and in its CodeSystem", () => {
    const systems = policyCodeSystems(BASE);
    let options = 0;
    for (const q of QUESTIONS) {
      if (q.kind !== "choice") continue;
      const help = itemOf(q.field).item![0]!;
      expect(help.type).toBe("display");
      expect(
        extensionOf(help, "questionnaire-itemControl")!.valueCodeableConcept!.coding![0]!.code,
      ).toBe("help");
      for (const o of q.options) {
        const texts = optionHelpTexts(o);
        for (const text of texts) expect(help.text).toContain(text);
        // Every passage of the option, in every case: in the help item, or in an item of its case.
        const everyText = itemOf(q.field)
          .item!.map((i) => i.text)
          .join("\n");
        for (const id of allCitesOfOption(o)) expect(everyText).toContain(`(${id})`);
        if (texts.length === 0) continue;
        options++;
        const answer = itemOf(q.field).answerOption?.find(
          (a) => a.valueCoding!.code === String(o.value),
        );
        if (answer) {
          const xhtml = (
            answer.valueCoding as { _display?: { extension: { valueString: string }[] } }
          )._display!.extension[0]!.valueString;
          expect(xhtml.replace(/&amp;/g, "&")).toContain(texts.join(" "));
          const concept = systems
            .flatMap((s) => (s.url === codeSystemUrl(BASE, q.field) ? s.concept! : []))
            .find((c) => c.code === String(o.value))!;
          expect(concept.definition).toBe(texts.join(" "));
        }
      }
    }
    expect(options).toBeGreaterThanOrEqual(10);
    // The infection sentence as background, in every case.
    expect(itemOf("dliIndication").item![0]!.text).toContain(
      "Background the coverage statements do not adopt",
    );
    // r3: help for one service is an item of its own, enabled only there (enable-logic.test.ts).
    const regimen = itemOf("preparativeRegimen").item!.filter(
      (i, n) => n === 0 || i.linkId.includes(".help."),
    );
    expect(regimen[0]!.text).not.toContain("Reinduction chemotherapy");
    expect(regimen.slice(1).map((i) => i.text!.split("\n\n")[0])).toEqual([
      "Treatment of the disease before or with the DLI — cytoreduction, hypomethylating or targeted agents — is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
      "Reinduction chemotherapy given days to weeks earlier to treat relapse is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
      "Yes: A DLI after conditioning is not the DLI this policy describes (DLI ¶1: 'the recipient does not receive a preparative regimen'); refer to a medical director.",
      "Yes: The request is then a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy.",
    ]);
    // Each quotes the passages behind it: the DLI's, Literature Review › CML ¶2 among them.
    expect(regimen[1]!.text).toContain("(literature.cml.2)");
    expect(regimen[2]!.text).toContain("(background.hpc-boost.1)");
    for (const help of regimen.slice(1)) expect(help.type).toBe("display");
  });

  it("makes chimerism a decimal percentage from 0 to 100", () => {
    const chimerism = itemOf("donorChimerismPercent");
    expect(chimerism.type).toBe("decimal");
    expect(chimerism.extension).toEqual(
      expect.arrayContaining([
        { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: 0 },
        { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: 100 },
        {
          url: "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
          valueCoding: { system: "http://unitsofmeasure.org", code: "%", display: "%" },
        },
      ]),
    );
  });

  it("names itself by a resolvable canonical URL, with the policy's dates, profile and overdue review", () => {
    expect(questionnaire).toMatchObject({
      url: `${BASE}/Questionnaire/coverage-policy-0261`,
      version: "2021-07-15",
      meta: {
        profile: ["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave|3.0.0"],
      },
      publisher: "Cigna",
      effectivePeriod: { start: "2021-07-15" },
      lastReviewDate: "2021-07-15",
    });
    expect(questionnaire.code!.map((c) => [c.system, c.code])).toEqual([
      ["http://www.ama-assn.org/go/cpt", "38242"],
      ["http://www.ama-assn.org/go/cpt", "38243"],
    ]);
    expect(questionnaire.description).toContain(
      "The next review date of this policy, June 15, 2022, has passed.",
    );
    expect(
      policyQuestionnaire(BASE, policy, new Date("2022-01-01T00:00:00Z")).description,
    ).not.toContain("has passed");
    expect(searchConformance(BASE, "Questionnaire", `${questionnaire.url}|2021-07-15`).total).toBe(
      1,
    );
    expect(searchConformance(BASE, "Questionnaire", `${questionnaire.url}|1999`).total).toBe(0);
    expect(searchConformance(BASE, "Questionnaire", "https://elsewhere.example/Q/x").total).toBe(0);
  });
});

describe("QuestionnaireResponse", () => {
  it(`round-trips every case the wizard can hold and ${EVERYDAY_STRAYS.toLocaleString("en")} stray sets (seed ${EVERYDAY_SEED}) without loss, yes/no as valueBoolean`, () => {
    // Every case of the answer space is npm test's full-proof step: fhir.full.test.ts.
    const sets = everydayAnswerSets(policy);
    expect(roundTripLosses(policy, BASE, sets)).toEqual({ lost: [], cases: sets.length });
    const sample = answersToResponse(
      { sameDonor: false, preparativeRegimen: true },
      "completed",
      BASE,
    );
    expect(sample.item!.map((i) => i.answer)).toEqual([
      [{ valueBoolean: false }],
      [{ valueBoolean: true }],
    ]);
    expect(sample.questionnaire).toBe(questionnaireCanonical(BASE, policy));
    // Seconds alone; a minute and more beside other suites on this 2-core machine (load 15).
  }, 600_000);

  it("still reads a response from before revision 2: the URN and coded yes/no answers", () => {
    const old = {
      resourceType: "QuestionnaireResponse",
      questionnaire: `${LEGACY_QUESTIONNAIRE_URL}|2021-07-15`,
      status: "completed",
      item: [
        { linkId: "service", answer: [{ valueCoding: { code: "hpc-boost" } }] },
        { linkId: "priorTransplant", answer: [{ valueCoding: { code: "autologous" } }] },
        { linkId: "sameDonor", answer: [{ valueCoding: { code: "true", display: "Yes" } }] },
        { linkId: "preparativeRegimen", answer: [{ valueCoding: { code: "false" } }] },
      ],
    };
    expect(answersFromResponse(old, BASE)).toEqual({
      ok: true,
      answers: {
        service: "hpc-boost",
        priorTransplant: "autologous",
        sameDonor: true,
        preparativeRegimen: false,
      },
    });
  });

  it("gives the same evaluation as the equivalent answers", () => {
    const answers: Answers = {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: true,
      preparativeRegimen: false,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 97,
    };
    const back = answersFromResponse(answersToResponse(answers, "completed", BASE), BASE);
    expect(back.ok && evaluate(back.answers)).toEqual(evaluate(answers));
  });

  const base = {
    resourceType: "QuestionnaireResponse",
    questionnaire: questionnaireUrl(BASE),
    status: "completed",
  };
  it.each<[string, unknown, string[]]>([
    ["another resource", { resourceType: "Patient" }, ["QuestionnaireResponse"]],
    [
      "another questionnaire",
      { ...base, questionnaire: "urn:other" },
      ["QuestionnaireResponse.questionnaire"],
    ],
    [
      "this questionnaire on another server",
      { ...base, questionnaire: questionnaireUrl("https://elsewhere.example/fhir") },
      ["QuestionnaireResponse.questionnaire"],
    ],
    ["a bad status", { ...base, status: "done" }, ["QuestionnaireResponse.status"]],
    [
      "an unknown item",
      { ...base, item: [{ linkId: "patientName", answer: [{ valueString: "x" }] }] },
      ["QuestionnaireResponse.item[0].linkId"],
    ],
    [
      "an unknown code",
      { ...base, item: [{ linkId: "service", answer: [{ valueCoding: { code: "stem-cell" } }] }] },
      ["QuestionnaireResponse.item[0].answer[0].valueCoding.code"],
    ],
    [
      "a code from another question's CodeSystem",
      {
        ...base,
        item: [
          {
            linkId: "dliIndication",
            answer: [
              { valueCoding: { system: codeSystemUrl(BASE, "boostIndication"), code: "other" } },
            ],
          },
        ],
      },
      ["QuestionnaireResponse.item[0].answer[0].valueCoding.system"],
    ],
    [
      "a yes/no answered with a string",
      { ...base, item: [{ linkId: "sameDonor", answer: [{ valueBoolean: "yes" }] }] },
      ["QuestionnaireResponse.item[0].answer[0].valueBoolean"],
    ],
    [
      "chimerism over 100 and a repeated item",
      {
        ...base,
        item: [
          { linkId: "donorChimerismPercent", answer: [{ valueDecimal: 150 }] },
          { linkId: "donorChimerismPercent", answer: [{ valueDecimal: 50 }] },
        ],
      },
      [
        "QuestionnaireResponse.item[1].linkId",
        "QuestionnaireResponse.item[0].answer[0].valueDecimal",
      ],
    ],
    [
      "two answers to one item",
      {
        ...base,
        item: [{ linkId: "sameDonor", answer: [{ valueBoolean: true }, { valueBoolean: false }] }],
      },
      ["QuestionnaireResponse.item[0].answer"],
    ],
  ])("names the problem for %s", (_name, resource, expressions) => {
    const result = answersFromResponse(resource, BASE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.outcome.resourceType).toBe("OperationOutcome");
    expect(result.outcome.issue.flatMap((i) => i.expression)).toEqual(expressions);
    for (const issue of result.outcome.issue) expect(issue.diagnostics).toBeTruthy();
  });
});

describe("a stored request exported as a QuestionnaireResponse", () => {
  it("carries the answers back losslessly, and the determination, rule, revision and decision", async () => {
    const { requestToResponse } = await import("./request-export");
    const answers: Answers = {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: false,
    };
    const evaluation = evaluate(answers);
    const qr = requestToResponse(
      policy,
      {
        id: 1,
        reference: "R-2026-000042",
        physicianId: "u1",
        patientName: "P",
        patientBirthDate: "1970-01-01",
        memberId: "M-1",
        orderingPhysician: "Dr X",
        npi: "1234567893",
        serviceDate: "2026-12-01",
        urgency: "standard",
        clinicalNotes: "",
        answers,
        determination: evaluation.determination,
        evaluation,
        policyId: "coverage-policy-0261",
        policyVersion: "2021-07-15",
        status: "more-information",
        submittedAt: "2026-11-26T00:00:00.000Z",
        dueAt: "2026-12-03T00:00:00.000Z",
        version: 2,
        decidedAt: null,
        extendedAt: null,
        extensionReason: null,
        appealedAt: null,
        retrospective: false,
        assignedTo: null,
        approvedByRule: false,
      },
      [
        {
          action: "request-information",
          reviewActionCode: "A4",
          rationale: "Outside this policy.",
          decidedAt: "2026-11-27T00:00:00.000Z",
        },
      ],
      BASE,
    );
    const back = answersFromResponse(JSON.parse(JSON.stringify(qr)), BASE);
    expect(back).toEqual({ ok: true, answers });
    const [outcome, decision] = qr.extension!;
    expect(outcome!.extension).toEqual(
      expect.arrayContaining([
        { url: "determination", valueCode: "outside-policy" },
        { url: "label", valueString: "Outside this policy — refer to a medical director" },
        {
          url: "decidedBy",
          valueString: expect.stringMatching(
            /^Gate 5 \(Same cell source as the HSCT\): Stem cells from another source are a new transplant/,
          ),
        },
        { url: "citedPassage", valueString: "overview.1" },
        { url: "policyVersion", valueString: "2021-07-15" },
        { url: "rulesRevision", valueInteger: 3 },
      ]),
    );
    expect(decision!.extension).toEqual(
      expect.arrayContaining([{ url: "reviewActionCode", valueCode: "A4" }]),
    );
    expect(getPassage("overview.1").lines[0]).toContain(
      "The donor source for DLI and HPC boost is the same as that for the HSCT.",
    );
  });
});
