import "server-only";
import { getCurrentUser } from "@/lib/auth/current-user";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { fieldErrors } from "@/lib/validations/field-errors";
import { requestSubmissionSchema } from "@/lib/validations/request-submission";
import { jsonError } from "./json-response";
import { readJsonBody } from "./read-json-body";

/** POST /api/requests: a signed-in physician submits a request as JSON (the form's schema). */
export async function submitRequestRoute(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to submit a request.");
  if (user.role !== "physician") return jsonError(403, "Only physicians submit requests.");

  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = requestSubmissionSchema.safeParse(body.value);
  if (!parsed.success) {
    const issues = Object.entries(fieldErrors(parsed.error.issues)).map(([path, message]) => ({
      path: path || "(body)",
      message,
    }));
    return jsonError(
      400,
      `${issues.length} field(s) are not valid: ${issues.map((i) => i.path).join(", ")}.`,
      issues,
    );
  }
  const result = await submitRequest((await appContext()).db, user.id, parsed.data);
  if (!result.ok)
    return jsonError(400, "The answers do not decide the case yet.", [
      { path: `answers.${result.evaluation.nextQuestion}`, message: "is not answered" },
    ]);
  return Response.json(
    { reference: result.reference, determination: result.evaluation.determination },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
}
