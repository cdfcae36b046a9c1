import * as z from "zod/mini";
import { MAX_EXTENSION_DAYS } from "@/lib/request-model/state-machine";
import { checkbox } from "./checkbox";
import { authorizationFields, expectedVersion } from "./decision";
import { isoDate } from "./iso-date";
import { NOT_PAST_MESSAGE, PAST_DATE_MESSAGE, isPastServiceDate } from "./service-date";
import { MAX_TEXT, tooLong } from "./text-limits";

export { decisionStepSchema } from "./decision";

// The fields of every step of the review loop after the submission: one schema per step, read by
// the browser's forms and by the route handler alike. The files of a reply or an appeal are
// checked apart (lib/request-model/attachment-check.ts): they are bytes, not fields.

const text = (what: string) =>
  z.string({ error: `${what} is required` }).check(
    z.refine((s) => s.trim().length > 0, { error: `${what} is required` }),
    z.maxLength(MAX_TEXT, { error: tooLong(what) }),
  );

/** Corrected answers to the questionnaire, the whole set; checked under the request's policy. */
const answers = z.optional(z.record(z.string(), z.unknown()));

type DateCorrection = { serviceDate?: string; retrospective?: boolean };

export const replySchema = z
  .strictObject({
    expectedVersion,
    text: text("The reply"),
    answers,
    /** A corrected planned date of service; a past one only with `retrospective`. */
    serviceDate: z.optional(isoDate("The corrected planned date of service")),
    retrospective: z.optional(checkbox),
  })
  .check(
    z.refine<DateCorrection>(
      (d) => !d.serviceDate || d.retrospective === true || !isPastServiceDate(d.serviceDate),
      { error: PAST_DATE_MESSAGE, path: ["serviceDate"] },
    ),
    z.refine<DateCorrection>(
      (d) => d.retrospective !== true || (!!d.serviceDate && isPastServiceDate(d.serviceDate)),
      { error: NOT_PAST_MESSAGE, path: ["retrospective"] },
    ),
  );

export const withdrawalSchema = z.strictObject({
  expectedVersion,
  reason: text("The reason"),
});

export const extensionSchema = z.strictObject({
  expectedVersion,
  days: z.coerce.number({ error: "Give the number of days" }).check(
    z.int({ error: "Give a whole number of days" }),
    z.gte(1, { error: "An extension is at least 1 day" }),
    z.lte(MAX_EXTENSION_DAYS, {
      error: `An extension is at most ${MAX_EXTENSION_DAYS} days`,
    }),
  ),
  reason: text("The reason"),
});

export const appealSchema = z.strictObject({
  expectedVersion,
  reason: text("The reason"),
  answers,
  /** An expedited appeal: decided within 72 hours instead of 30 days. */
  expedited: z.optional(checkbox),
});

export const appealDecisionSchema = z.strictObject({
  expectedVersion,
  outcome: z.enum(["uphold", "overturn"], { error: "Choose uphold or overturn" }),
  rationale: text("The rationale"),
  /** What an overturned denial authorizes, when the decider changes the policy's defaults. */
  ...authorizationFields,
});
