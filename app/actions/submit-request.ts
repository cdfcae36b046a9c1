"use server";

import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { withRole } from "@/lib/server/with-role";
import type { FieldErrors } from "@/lib/validations/field-errors";

export interface SubmitState {
  errors?: FieldErrors;
  formError?: string;
  reference?: string;
}

// The one-time token the submission page renders into its form (a UUID).
const FORM_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OUT_OF_DATE = "This form is out of date. Reload the page, then submit again.";

const submit = withRole(
  ["physician"],
  ({ input, token }: { input: unknown; token: unknown }) => {
    if (typeof token !== "string" || !FORM_TOKEN.test(token))
      return { ok: false as const, error: { formError: OUT_OF_DATE } };
    const parsed = parseSubmission(input);
    return parsed.ok
      ? { ok: true as const, value: { ...parsed, token } }
      : { ok: false as const, error: { errors: parsed.errors } };
  },
  async (user, { submission, policy, token }): Promise<SubmitState> => {
    const { db } = await appContext();
    const result = await submitRequest(db, user.id, submission, policy, undefined, {
      idempotencyKey: `form:${token}`,
    });
    if (!result.ok && result.reason === "key-reused")
      return {
        formError: `This form was already submitted${result.reference ? ` as ${result.reference}` : ""}, with other details. Nothing new was stored: reload the page to submit another request.`,
      };
    if (!result.ok)
      return {
        formError:
          "The policy answers do not decide the case yet. Finish the questionnaire before submitting.",
      };
    return { reference: result.reference };
  },
  {
    signedOut: (): SubmitState => ({
      formError: "Your session has ended. Sign in again to submit.",
    }),
    wrongRole: (): SubmitState => ({ formError: "Only physicians submit requests." }),
    invalid: (state: SubmitState) => state,
  },
);

/**
 * Validates with the form's own schema under the policy version in force on the date of service,
 * re-evaluates the answers on the server, stores. The form's one-time token is the idempotency
 * key: a double click or a resent form gets back the request the first one stored, never a
 * second one.
 */
export async function submitRequestAction(input: unknown, token?: unknown): Promise<SubmitState> {
  return submit({ input, token });
}
