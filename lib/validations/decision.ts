import * as z from "zod/mini";

export const MAX_RATIONALE = 4000;
const MAX_TEXT = MAX_RATIONALE.toLocaleString("en-US");

/** A reviewer's decision on a request: the form's fields, checked in the browser and the action. */
export const decisionSchema = z.strictObject({
  reference: z.string().check(z.regex(/^R-\d{4}-\d{6}$/, { error: "Unknown request" })),
  expectedVersion: z.coerce.number().check(z.int(), z.gte(1)),
  action: z.enum(["approve", "deny", "request-information"], { error: "Choose a decision" }),
  rationale: z.string().check(
    z.refine((s) => s.trim().length > 0, { error: "A rationale is required" }),
    z.maxLength(MAX_RATIONALE, { error: `The rationale must be at most ${MAX_TEXT} characters` }),
  ),
});

/** The rationale field's label, naming its limit as the schema sets it. */
export const RATIONALE_LABEL = `Rationale (required, at most ${MAX_TEXT} characters)`;
