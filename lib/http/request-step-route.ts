import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/request-model/roles";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { STATE_LABELS } from "@/lib/request-model/state-machine";
import { refusalMessage, type StepActor, type StepRefusal } from "@/lib/requests/transitions";
import { appContext } from "@/lib/server/app-context";
import {
  REVIEW_STEP_NAMES,
  isReviewStepName,
  reviewStep,
  reviewStepRefusal,
  takeReviewStep,
} from "@/lib/server/review-steps";
import { withRole } from "@/lib/server/with-role";
import { jsonError } from "./json-response";
import { readMessageBody } from "./read-message-body";

const actorOf = (user: CurrentUser): StepActor => ({
  id: user.id,
  role: user.role,
  specialty: user.specialty,
});

const invalid = (issues: readonly FieldIssue[]) =>
  jsonError(
    400,
    `${issues.length === 1 ? "1 field is" : `${issues.length} fields are`} not valid: ${[
      ...new Set(issues.map((i) => i.path)),
    ].join(", ")}. Nothing was saved.`,
    issues,
  );

const refused = (refusal: StepRefusal) =>
  jsonError(refusal.reason === "not-found" ? 404 : 409, refusalMessage(refusal));

/**
 * POST /api/requests/{reference}/{step}: one step of the review loop (lib/server/review-steps.ts),
 * as JSON or (with files) multipart/form-data. The browser's forms and integrations send the same
 * thing. 200 with the new state; 400 for a wrong field or file, 404 for a request the caller may
 * not see, 409 when the state machine refuses the step or the request changed since it was read.
 */
export async function requestStepRoute(
  request: Request,
  { params }: { params: Promise<{ reference: string; step: string }> },
): Promise<Response> {
  const { reference, step: name } = await params;
  if (!isReviewStepName(name))
    return jsonError(
      404,
      `There is no step "${name.slice(0, 40)}"; the steps are ${REVIEW_STEP_NAMES.join(", ")}.`,
    );
  const { roles } = reviewStep(name);
  return withRole(
    roles,
    (r: Request) => ({ ok: true as const, value: r }),
    async (user, r): Promise<Response> => {
      const { db } = await appContext();
      const actor = actorOf(user);
      // Refused before a byte of the body is read: a refused upload costs a lookup, not 50 MB.
      const refusal = await reviewStepRefusal(db, actor, reference, name);
      if (refusal) return refused(refusal);
      const body = await readMessageBody(r);
      if (!body.ok) return body.response;
      const result = await takeReviewStep(db, actor, reference, name, body.fields, body.files);
      if (!result.ok) return result.reason === "invalid" ? invalid(result.issues) : refused(result);
      return Response.json(
        {
          reference,
          status: result.status,
          statusLabel: STATE_LABELS[result.status],
          version: result.version,
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
    {
      signedOut: () => jsonError(401, "Sign in first."),
      wrongRole: () =>
        jsonError(
          403,
          `Only ${roles.includes("physician") ? "the request's physician" : roles.map((r) => `a ${ROLE_LABELS[r]}`).join(" or ")} can take this step.`,
        ),
      invalid: (response: Response) => response,
    },
  )(request);
}
