"use server";

import { getCurrentUser } from "@/lib/auth/current-user";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { fieldErrors, type FieldErrors } from "@/lib/validations/field-errors";
import { requestSubmissionSchema } from "@/lib/validations/request-submission";

export interface SubmitState {
  errors?: FieldErrors;
  formError?: string;
  reference?: string;
}

/** Validates with the form's own schema, re-evaluates the answers on the server, stores. */
export async function submitRequestAction(input: unknown): Promise<SubmitState> {
  const user = await getCurrentUser();
  if (!user) return { formError: "Your session has ended. Sign in again to submit." };
  if (user.role !== "physician") return { formError: "Only physicians submit requests." };

  const parsed = requestSubmissionSchema.safeParse(input);
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };

  const result = await submitRequest((await appContext()).db, user.id, parsed.data);
  if (!result.ok)
    return {
      formError:
        "The policy answers do not decide the case yet. Finish the questionnaire before submitting.",
    };
  return { reference: result.reference };
}
