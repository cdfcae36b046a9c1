import * as z from "zod/mini";
import { isPendDocument } from "@/lib/request-model/pend-documents";
import { MAX_UNITS } from "@/lib/request-model/review-settings";
import { isoDate } from "./iso-date";
import { MAX_TEXT, tooLong } from "./text-limits";

/** A decision's choices: the three X12 278 decisions, and a reviewer's recommended denial. */
export const DECISION_CHOICES = [
  "approve",
  "deny",
  "recommend-denial",
  "request-information",
] as const;
export type DecisionChoice = (typeof DECISION_CHOICES)[number];

/** The version of the case the page was read at: a step taken from a stale page is refused. */
export const expectedVersion = z.coerce.number().check(z.int(), z.gte(1));

/** What an approval authorizes, when the decider changes the policy's defaults. */
export const authorizationFields = {
  validTo: z.optional(isoDate("The authorization's end date")),
  units: z.optional(
    z.coerce
      .number({ error: "Units must be a number" })
      .check(
        z.int({ error: "Units must be a whole number" }),
        z.gte(1, { error: "Units must be at least 1" }),
        z.lte(MAX_UNITS, { error: `Units must be at most ${MAX_UNITS}` }),
      ),
  ),
};

/**
 * The text a step needs, named by its field's label: "The rationale is required", or for a
 * request for information "The question to the physician is required". Checked even when other
 * fields are wrong too, so every problem is named at once.
 */
type Drafted = { action?: unknown; rationale?: unknown };
const named = (label: string, applies: (d: Drafted) => boolean) =>
  z.refine<Drafted>(
    (d) => !applies(d) || (typeof d.rationale === "string" && d.rationale.trim().length > 0),
    { error: `${label} is required`, path: ["rationale"], when: () => true },
  );

/** A decision on a request, as POST /api/requests/<reference>/decision takes it. */
export const decisionStepSchema = z
  .strictObject({
    expectedVersion,
    action: z.enum(DECISION_CHOICES, { error: "Choose a decision" }),
    rationale: z
      .string({ error: "The rationale must be text" })
      .check(z.maxLength(MAX_TEXT, { error: tooLong("The rationale") })),
    /** For a request for more information (A4): the criteria, by gate title, to document. */
    criteria: z.optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50)),
    ),
    /**
     * For a request an EHR sent over PAS: what to send for each criterion, in the criteria's
     * order, as a LOINC code (lib/request-model/pend-documents.ts).
     */
    documents: z.optional(
      z
        .array(
          z.string().check(
            z.refine(isPendDocument, {
              error: "Choose what the EHR should send from the list",
            }),
          ),
        )
        .check(z.maxLength(50)),
    ),
    ...authorizationFields,
  })
  .check(
    named("The question to the physician", (d) => d.action === "request-information"),
    named("The rationale", (d) => d.action !== "request-information"),
    z.refine<{ action: string; criteria?: string[] | undefined }>(
      (d) => d.action !== "request-information" || (d.criteria?.length ?? 0) > 0,
      { error: "Choose the criteria that need documentation", path: ["criteria"] },
    ),
    z.refine<{ criteria?: string[] | undefined; documents?: string[] | undefined }>(
      (d) => d.documents === undefined || d.documents.length === (d.criteria?.length ?? 0),
      {
        error: "Choose what the EHR should send for each criterion, one for each",
        path: ["documents"],
      },
    ),
  );
