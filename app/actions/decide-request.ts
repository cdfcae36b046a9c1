"use server";

import { revalidatePath } from "next/cache";
import { decideRequest, refusalMessage } from "@/lib/requests/transitions";
import { appContext } from "@/lib/server/app-context";
import { pendCriteriaIssues } from "@/lib/server/pend-criteria";
import { withRole } from "@/lib/server/with-role";
import { decisionSchema } from "@/lib/validations/decision";
import { fieldErrors, type FieldErrors } from "@/lib/validations/field-errors";

export interface DecideState {
  errors?: FieldErrors;
  formError?: string;
  decided?: string;
}

const decide = withRole(
  ["reviewer", "admin"],
  (form: FormData) => {
    const parsed = decisionSchema.safeParse({
      reference: form.get("reference"),
      expectedVersion: form.get("expectedVersion"),
      action: form.get("action") ?? undefined,
      rationale: form.get("rationale") ?? "",
      ...(form.has("criteria") ? { criteria: form.getAll("criteria") } : {}),
    });
    return parsed.success
      ? { ok: true as const, value: parsed.data }
      : { ok: false as const, error: fieldErrors(parsed.error.issues) };
  },
  async (user, decision): Promise<DecideState> => {
    const { db } = await appContext();
    if (decision.action === "request-information") {
      const issues = await pendCriteriaIssues(
        db,
        decision.reference,
        decision.criteria ?? [],
        user,
      );
      if (issues.length) return { errors: { criteria: issues[0]!.message } };
    }
    const result = await decideRequest(db, {
      ...decision,
      rationale: decision.rationale.trim(),
      reviewerId: user.id,
    });
    if (!result.ok)
      return {
        formError:
          result.reason === "conflict"
            ? "Another reviewer decided this request while you were reading it. Nothing was saved: reload the page to see their decision."
            : refusalMessage(result),
      };
    revalidatePath(`/review/${decision.reference}`);
    return { decided: result.status };
  },
  {
    signedOut: (): DecideState => ({
      formError: "Your session has ended. Sign in again to decide.",
    }),
    wrongRole: (): DecideState => ({ formError: "Only reviewers decide requests." }),
    invalid: (errors) => ({ errors }),
  },
);

export async function decideRequestAction(
  _previous: DecideState,
  form: FormData,
): Promise<DecideState> {
  if (!(form instanceof FormData))
    return { formError: "The decision form was incomplete. Reload the page." };
  return decide(form);
}
