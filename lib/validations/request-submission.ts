import * as z from "zod/mini";
import { answersSchemaFor } from "@/lib/policy/engine/answers-schema";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { checkbox } from "./checkbox";
import { isoDate } from "./iso-date";
import { isValidNpi } from "./npi";
import { MAX_TEXT, tooLong } from "./text-limits";
import { NOT_PAST_MESSAGE, PAST_DATE_MESSAGE, isPastServiceDate } from "./service-date";

/** A name: stored without the spaces around it. */
const text = (what: string, max: number) =>
  z.string({ error: `${what} is required` }).check(
    z.trim(),
    z.refine((s) => s.length > 0, { error: `${what} is required` }),
    z.maxLength(max, { error: `${what} must be at most ${max} characters` }),
  );

/** Each of the request's own fields by the name the form, its errors and its pages give it. */
export const REQUEST_FIELD_LABELS = {
  patientName: "Patient name",
  patientBirthDate: "Date of birth",
  memberId: "Member ID",
  orderingPhysician: "Ordering physician",
  npi: "NPI",
  serviceDate: "Planned date of service",
  urgency: "Urgency",
  clinicalNotes: "Clinical notes",
} as const;
const L = REQUEST_FIELD_LABELS;

/** The request's own fields, the same for every policy: what the form asks and a row stores. */
const OWN_FIELDS = {
  patientName: text(L.patientName, 200),
  patientBirthDate: isoDate(L.patientBirthDate),
  memberId: z.string({ error: `${L.memberId} is required` }).check(
    z.minLength(1, { error: `${L.memberId} is required`, abort: true }),
    z.regex(/^[A-Za-z0-9-]{1,40}$/, {
      error: `${L.memberId} must be 1 to 40 letters, digits or hyphens`,
    }),
  ),
  orderingPhysician: text(L.orderingPhysician, 200),
  npi: z
    .string({ error: `${L.npi} is required` })
    .check(
      z.minLength(1, { error: `${L.npi} is required`, abort: true }),
      z.regex(/^\d{10}$/, { error: `${L.npi} must be 10 digits`, abort: true }),
      z.refine(isValidNpi, { error: `${L.npi} check digit does not match: check the number` }),
    ),
  serviceDate: isoDate(L.serviceDate),
  urgency: z.enum(["standard", "expedited"], {
    error: `${L.urgency} must be standard or expedited`,
  }),
  clinicalNotes: z
    .string({ error: `${L.clinicalNotes} must be text` })
    .check(z.maxLength(MAX_TEXT, { error: tooLong(L.clinicalNotes) })),
} satisfies Record<keyof typeof REQUEST_FIELD_LABELS, unknown>;

/** The request's own fields by name, in the form's order. */
export const REQUEST_FIELD_NAMES = Object.keys(OWN_FIELDS) as (keyof typeof OWN_FIELDS)[];

const REQUEST_FIELDS = {
  ...OWN_FIELDS,
  /** The policy the answers are for; the product's first policy when left out. */
  policyId: z.optional(z.string({ error: "Policy must be a policy id" })),
  /** The service was already given on the planned date, which is past: a retrospective request. */
  retrospective: z.optional(checkbox),
  /**
   * The physician attests that the answers match the patient's record: what lets a rule approve
   * a medically necessary request at once, where rule approval is on.
   */
  attestation: z.optional(checkbox),
};

const isDate = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

type Dates = { patientBirthDate: string; serviceDate: string; retrospective?: boolean };
const datesInOrder = [
  z.refine<Dates>((r) => r.patientBirthDate <= new Date().toISOString().slice(0, 10), {
    error: "Date of birth cannot be in the future",
    path: ["patientBirthDate"],
  }),
  z.refine<Dates>((r) => r.serviceDate >= r.patientBirthDate, {
    error: "Planned date of service cannot be before the date of birth",
    path: ["serviceDate"],
  }),
  // A past date only as a retrospective request, and a retrospective request only for a past
  // date: said even while other fields are wrong, so the physician hears it at once.
  z.refine<Dates>(
    (r) => r.retrospective === true || !isDate(r.serviceDate) || !isPastServiceDate(r.serviceDate),
    { error: PAST_DATE_MESSAGE, path: ["serviceDate"], when: () => true },
  ),
  z.refine<Dates>(
    (r) => r.retrospective !== true || !isDate(r.serviceDate) || isPastServiceDate(r.serviceDate),
    { error: NOT_PAST_MESSAGE, path: ["retrospective"], when: () => true },
  ),
] as const;

/** The request's fields with the answers unread: enough to pick the policy version. */
export const requestFieldsSchema = z
  .strictObject({ ...REQUEST_FIELDS, answers: z.unknown() }, { error: "must be a JSON object" })
  .check(...datesInOrder);

/**
 * A physician's request under one policy version: the patient, the order, and the answers in
 * that policy's own schema. Shared by the form (in the browser) and the server.
 */
export function requestSubmissionSchemaFor(policy: Pick<PolicyRules, "questions">) {
  return z
    .strictObject(
      { ...REQUEST_FIELDS, answers: answersSchemaFor(policy) },
      { error: "must be a JSON object" },
    )
    .check(...datesInOrder);
}

export type RequestSubmission = Omit<
  z.infer<ReturnType<typeof requestSubmissionSchemaFor>>,
  "answers"
> & { answers: Answers };

/** The request's own fields, as the form asks them and the database stores them. */
export type RequestFields = Pick<RequestSubmission, (typeof REQUEST_FIELD_NAMES)[number]>;
