// TEST FIXTURE, never listed by the product: a second policy package that proves the engine,
// the wizard, the FHIR Questionnaire, submission, the reviewer page and the PDF read any policy.
// Two services, other field names, a number question with other bounds and unit, an
// experimental rule, other determination values, and two versions with different dose limits.
import { definePolicy } from "@/lib/policy/engine/define-policy";
import type { Gate, Question } from "@/lib/policy/engine/types";
import { PASSAGE_DATA } from "./passages.generated";

type Field = "product" | "indication" | "doseMg";

const QUESTIONS: readonly Question<Field>[] = [
  {
    field: "product",
    subject: "the product",
    kind: "choice",
    text: "Which fixture product is requested?",
    askedWhen: [],
    cites: ["overview.1", "coding.cpt"],
    options: [
      {
        value: "widget",
        label: "Widget infusion",
        cpt: "X0001",
        cites: ["coverage-policy.widget"],
      },
      { value: "gadget", label: "Gadget boost", cpt: "X0002", cites: ["coverage-policy.gadget"] },
    ],
  },
  {
    field: "indication",
    subject: "the indication",
    kind: "choice",
    text: "Is the condition on the fixture's list?",
    askedWhen: [],
    cites: ["coverage-policy.experimental"],
    options: [
      { value: "listed", label: "A listed condition", cites: ["coverage-policy.widget"] },
      {
        value: "unlisted",
        label: "An unlisted condition",
        help: "Unlisted conditions are experimental under the fixture.",
        cites: ["coverage-policy.experimental"],
      },
    ],
  },
  {
    field: "doseMg",
    subject: "the dose",
    kind: "number",
    text: "Planned dose (mg)",
    help: "From 5 to 500 mg.",
    askedWhen: [{ field: "indication", in: ["listed"] }],
    cites: ["coverage-policy.dose"],
    inputLabel: "Dose",
    min: 5,
    max: 500,
    unit: "mg",
  },
];

const gates = (limit: number): readonly Gate<Field>[] => [
  {
    field: "product",
    step: 1,
    title: "Product",
    rules: [
      { when: [], state: "met", reason: "A fixture product is requested.", cites: ["coding.cpt"] },
    ],
  },
  {
    field: "indication",
    step: 2,
    title: "Listed condition",
    rules: [
      {
        when: [{ field: "indication", in: ["unlisted"] }],
        state: "not-met",
        determination: "investigational",
        reason: "The fixture is experimental for any unlisted condition.",
        cites: ["coverage-policy.experimental"],
      },
      {
        when: [{ field: "indication", in: ["listed"] }],
        state: "met",
        reason: "The condition is listed.",
        cites: ["coverage-policy.widget"],
      },
    ],
  },
  {
    field: "doseMg",
    step: 3,
    title: `Dose below ${limit} mg`,
    rules: [
      {
        when: [{ field: "doseMg", below: limit }],
        state: "met",
        determination: "covered",
        reason: `The dose is below the ${limit} mg limit.`,
        cites: ["coverage-policy.dose"],
      },
      {
        when: [{ field: "doseMg", atLeast: limit }],
        state: "not-met",
        determination: "not-covered",
        reason: `The dose is at or over the ${limit} mg limit.`,
        cites: ["coverage-policy.dose"],
      },
    ],
  },
];

export const FIXTURE_POLICY = definePolicy({
  meta: {
    id: "fixture-policy-9001",
    number: "9001",
    documentType: "Fixture Coverage Policy",
    title: "Widget Infusion and Gadget Boost (test fixture)",
    shortName: "Fixture Policy 9001",
    publisher: "The test suite",
    copyright: "Fixture text, no rights reserved",
    services: [
      { label: "Widget infusion", cpt: "X0001" },
      { label: "Gadget boost", cpt: "X0002" },
    ],
  },
  versions: [
    {
      version: "2024-01-01",
      effectiveDate: "2024-01-01",
      rulesRevision: 1,
      rulesRevisionDate: "2024-01-01",
    },
    {
      version: "2026-01-01",
      effectiveDate: "2026-01-01",
      rulesRevision: 1,
      rulesRevisionDate: "2026-01-01",
      gates: gates(300),
    },
  ],
  questions: QUESTIONS,
  gates: gates(200),
  determinations: [
    { value: "covered", label: "Covered (fixture)", tone: "approve" },
    {
      value: "not-covered",
      label: "Not covered: dose at or over the limit (fixture)",
      tone: "deny",
    },
    { value: "investigational", label: "Investigational (fixture)", tone: "experimental" },
    { value: "incomplete", label: "Incomplete (fixture)", tone: "incomplete" },
  ],
  determinationNote: "Fixture reading; a reviewer makes the decision.",
  passages: PASSAGE_DATA,
});
