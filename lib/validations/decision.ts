import * as z from "zod/mini";

import { MAX_TEXT, tooLong } from "./text-limits";

const decisionFields = {
  expectedVersion: z.coerce.number().check(z.int(), z.gte(1)),
  action: z.enum(["approve", "deny", "request-information"], { error: "Choose a decision" }),
  rationale: z.string().check(
    z.refine((s) => s.trim().length > 0, { error: "A rationale is required" }),
    z.maxLength(MAX_TEXT, { error: tooLong("The rationale") }),
  ),
  /** For a request for more information (A4): the criteria, by gate title, to document. */
  criteria: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50)),
  ),
};

const criteriaNamed = z.refine<{ action: string; criteria?: string[] | undefined }>(
  (d) => d.action !== "request-information" || (d.criteria?.length ?? 0) > 0,
  { error: "Choose the criteria that need documentation", path: ["criteria"] },
);

/** A reviewer's decision on a request: the form's fields, checked in the browser and the action. */
export const decisionSchema = z
  .strictObject({
    reference: z.string().check(z.regex(/^R-\d{4}-\d{6}$/, { error: "Unknown request" })),
    ...decisionFields,
  })
  .check(criteriaNamed);

/** The same decision sent to the API, whose address names the request. */
export const decisionStepSchema = z.strictObject(decisionFields).check(criteriaNamed);
