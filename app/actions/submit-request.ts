"use server";

import { getCurrentUser } from "@/lib/auth/current-user";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import type { FieldErrors } from "@/lib/validations/field-errors";

export interface SubmitState {
  errors?: FieldErrors;
  formError?: string;
  reference?: string;
}

/**
 * Validates with the form's own schema under the policy version in force on the date of service,
 * re-evaluates the answers on the server, stores.
 */
export async function submitRequestAction(input: unknown): Promise<SubmitState> {
  const user = await getCurrentUser();
  if (!user) return { formError: "Your session has ended. Sign in again to submit." };
  if (user.role !== "physician") return { formError: "Only physicians submit requests." };

  const parsed = parseSubmission(input);
  if (!parsed.ok) return { errors: parsed.errors };

  const { db } = await appContext();
  const result = await submitRequest(db, user.id, parsed.submission, parsed.policy);
  if (!result.ok)
    return {
      formError:
        "The policy answers do not decide the case yet. Finish the questionnaire before submitting.",
    };
  return { reference: result.reference };
}
