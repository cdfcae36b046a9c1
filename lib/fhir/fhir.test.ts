import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/evaluate";
import {
  BOOST_INDICATIONS,
  DIAGNOSES,
  DLI_INDICATIONS,
  FIELDS,
  PRIOR_TRANSPLANTS,
  SERVICES,
  type Answers,
} from "@/lib/policy/fields";
import { QUESTIONS } from "@/lib/policy/questions";
import { answersFromResponse, answersToResponse } from "./questionnaire-response";
import { CANONICAL } from "./canonical";
import { policyQuestionnaire } from "./questionnaire";

const questionnaire = policyQuestionnaire();
const itemOf = (linkId: string) => questionnaire.item!.find((i) => i.linkId === linkId)!;

describe("the FHIR Questionnaire, generated from lib/policy", () => {
  it("has one item per contract field, with the contract's codes and labels", () => {
    expect(questionnaire.item!.map((i) => i.linkId)).toEqual([...FIELDS]);
    for (const q of QUESTIONS) {
      const item = itemOf(q.field);
      expect(item.text).toBe(q.text);
      if (q.kind === "choice") {
        expect(item.type).toBe("choice");
        expect(
          item.answerOption!.map((o) => [o.valueCoding!.code, o.valueCoding!.display]),
        ).toEqual(q.options.map((o) => [String(o.value), o.label]));
      }
    }
    expect(itemOf("sameDonor").answerOption!.map((o) => o.valueCoding)).toEqual([
      { code: "true", display: "Yes" },
      { code: "false", display: "No" },
    ]);
  });

  it("expresses every 'asked when' as enableWhen", () => {
    expect(itemOf("service").enableWhen).toBeUndefined();
    expect(itemOf("priorTransplant").enableWhen).toBeUndefined();
    expect(itemOf("sameDonor").enableWhen).toEqual([
      { question: "priorTransplant", operator: "=", answerCoding: { code: "allogeneic" } },
    ]);
    expect(itemOf("preparativeRegimen")).toMatchObject({
      enableBehavior: "any",
      enableWhen: [
        { question: "priorTransplant", operator: "=", answerCoding: { code: "allogeneic" } },
        { question: "priorTransplant", operator: "=", answerCoding: { code: "autologous" } },
      ],
    });
    for (const field of ["diagnosis", "dliIndication"])
      expect(itemOf(field).enableWhen).toEqual([
        { question: "service", operator: "=", answerCoding: { code: "dli" } },
      ]);
    expect(itemOf("boostIndication").enableWhen).toEqual([
      { question: "service", operator: "=", answerCoding: { code: "hpc-boost" } },
    ]);
    expect(itemOf("donorChimerismPercent").enableWhen).toEqual([
      { question: "boostIndication", operator: "=", answerCoding: { code: "enhance-chimerism" } },
    ]);
  });

  it("makes chimerism a decimal from 0 to 100, gives help with the cited passages, codes and version", () => {
    const chimerism = itemOf("donorChimerismPercent");
    expect(chimerism.type).toBe("decimal");
    expect(chimerism.extension).toEqual([
      { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: 0 },
      { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: 100 },
    ]);
    const help = itemOf("boostIndication").item![0]!;
    expect(help.type).toBe("display");
    expect(help.extension![0]!.valueCodeableConcept!.coding![0]!.code).toBe("help");
    expect(help.text).toContain("EITHER of the following indications");
    expect(questionnaire.code!.map((c) => c.code)).toEqual(["38242", "38243"]);
    expect(questionnaire).toMatchObject({
      version: "2021-07-15",
      effectivePeriod: { start: "2021-07-15" },
    });
  });
});

function* answerSpace(): Generator<Answers> {
  const domains: [keyof Answers, readonly unknown[]][] = [
    ["service", [undefined, ...SERVICES]],
    ["priorTransplant", [undefined, ...PRIOR_TRANSPLANTS]],
    ["sameDonor", [undefined, true, false]],
    ["preparativeRegimen", [undefined, true, false]],
    ["diagnosis", [undefined, ...DIAGNOSES]],
    ["dliIndication", [undefined, ...DLI_INDICATIONS]],
    ["boostIndication", [undefined, ...BOOST_INDICATIONS]],
    ["donorChimerismPercent", [undefined, 0, 50, 99.9, 100]],
  ];
  function* walk(i: number, acc: Answers): Generator<Answers> {
    if (i === domains.length) return yield acc;
    for (const value of domains[i]![1])
      yield* walk(i + 1, value === undefined ? acc : { ...acc, [domains[i]![0]]: value });
  }
  yield* walk(0, {});
}

describe("QuestionnaireResponse", () => {
  it("round-trips every case of the answer space without loss", () => {
    const lost: string[] = [];
    let n = 0;
    for (const answers of answerSpace()) {
      n++;
      const back = answersFromResponse(
        JSON.parse(JSON.stringify(answersToResponse(answers, "completed"))),
      );
      if (!back.ok || JSON.stringify(back.answers) !== JSON.stringify(answers))
        lost.push(JSON.stringify(answers));
      if (lost.length > 5) break;
    }
    expect(lost).toEqual([]);
    expect(n).toBe(155_520);
  }, 60_000);

  it("gives the same evaluation as the equivalent answers", () => {
    const answers: Answers = {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: true,
      preparativeRegimen: false,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 97,
    };
    const back = answersFromResponse(answersToResponse(answers, "completed"));
    expect(back.ok && evaluate(back.answers)).toEqual(evaluate(answers));
  });

  const base = {
    resourceType: "QuestionnaireResponse",
    questionnaire: CANONICAL,
    status: "completed",
  };
  it.each<[string, unknown, string[]]>([
    ["another resource", { resourceType: "Patient" }, ["QuestionnaireResponse"]],
    [
      "another questionnaire",
      { ...base, questionnaire: "urn:other" },
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
      "chimerism over 100",
      { ...base, item: [{ linkId: "donorChimerismPercent", answer: [{ valueDecimal: 150 }] }] },
      ["QuestionnaireResponse.item[0].answer[0].valueDecimal"],
    ],
    [
      "two answers to one item",
      {
        ...base,
        item: [
          {
            linkId: "sameDonor",
            answer: [{ valueCoding: { code: "true" } }, { valueCoding: { code: "false" } }],
          },
        ],
      },
      ["QuestionnaireResponse.item[0].answer"],
    ],
  ])("names the problem for %s", (_name, resource, expressions) => {
    const result = answersFromResponse(resource);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.outcome.resourceType).toBe("OperationOutcome");
    expect(result.outcome.issue.flatMap((i) => i.expression)).toEqual(expressions);
    for (const issue of result.outcome.issue) expect(issue.diagnostics).toBeTruthy();
  });
});

describe("a stored request exported as a QuestionnaireResponse", () => {
  it("carries the answers back losslessly, and the determination, rule, version and decision", async () => {
    const { requestToResponse } = await import("./request-export");
    const answers: Answers = {
      service: "dli",
      priorTransplant: "autologous",
      preparativeRegimen: false,
    };
    const evaluation = evaluate(answers);
    const qr = requestToResponse(
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
        policyVersion: "2021-07-15",
        status: "denied",
        submittedAt: "2026-11-26T00:00:00.000Z",
        dueAt: "2026-12-03T00:00:00.000Z",
        version: 2,
      },
      [
        {
          action: "deny",
          reviewActionCode: "A3",
          rationale: "Gate 2.",
          decidedAt: "2026-11-27T00:00:00.000Z",
        },
      ],
    );
    const back = answersFromResponse(JSON.parse(JSON.stringify(qr)));
    expect(back).toEqual({ ok: true, answers });
    const [outcome, decision] = qr.extension!;
    expect(outcome!.extension).toEqual(
      expect.arrayContaining([
        { url: "determination", valueCode: "not-medically-necessary" },
        {
          url: "decidedBy",
          valueString: expect.stringMatching(
            /^Gate 2 \(priorTransplant\): DLI is medically necessary only/,
          ),
        },
        { url: "citedPassage", valueString: "coverage-policy.dli" },
        { url: "policyVersion", valueString: "2021-07-15" },
      ]),
    );
    expect(decision!.extension).toEqual(
      expect.arrayContaining([{ url: "reviewActionCode", valueCode: "A3" }]),
    );
  });
});
