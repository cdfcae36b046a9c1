"use server";

import { revalidatePath } from "next/cache";
import * as z from "zod/mini";
import { getCurrentUser } from "@/lib/auth/current-user";
import { STATUS_LABELS } from "@/lib/requests/labels";
import { decideRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { fieldErrors, type FieldErrors } from "@/lib/validations/field-errors";

const MAX_RATIONALE = 4000;

const decisionSchema = z.strictObject({
  reference: z.string().check(z.regex(/^R-\d{4}-\d{6}$/, { error: "Unknown request" })),
  expectedVersion: z.coerce.number().check(z.int(), z.gte(1)),
  action: z.enum(["approve", "deny", "request-information"], { error: "Choose a decision" }),
  rationale: z.string().check(
    z.refine((s) => s.trim().length > 0, { error: "A rationale is required" }),
    z.maxLength(MAX_RATIONALE, { error: "The rationale must be at most 4,000 characters" }),
  ),
});

export interface DecideState {
  errors?: FieldErrors;
  formError?: string;
  decided?: string;
}

export async function decideRequestAction(
  _previous: DecideState,
  form: FormData,
): Promise<DecideState> {
  if (!(form instanceof FormData))
    return { formError: "The decision form was incomplete. Reload the page." };
  const user = await getCurrentUser();
  if (!user) return { formError: "Your session has ended. Sign in again to decide." };
  if (user.role !== "reviewer" && user.role !== "admin")
    return { formError: "Only reviewers decide requests." };

  const parsed = decisionSchema.safeParse({
    reference: form.get("reference"),
    expectedVersion: form.get("expectedVersion"),
    action: form.get("action") ?? undefined,
    rationale: form.get("rationale") ?? "",
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };

  const result = await decideRequest((await appContext()).db, {
    ...parsed.data,
    rationale: parsed.data.rationale.trim(),
    reviewerId: user.id,
  });
  if (!result.ok)
    return {
      formError:
        result.reason === "final"
          ? `This request has already been decided (${STATUS_LABELS[result.status].toLowerCase()}), and a decision is final. Nothing was saved: reload the page to see the decision.`
          : result.reason === "conflict"
            ? "Another reviewer decided this request while you were reading it. Nothing was saved: reload the page to see their decision."
            : "This request does not exist.",
    };
  revalidatePath(`/review/${parsed.data.reference}`);
  return { decided: result.status };
}
