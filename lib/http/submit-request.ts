import "server-only";
import { getCurrentUser } from "@/lib/auth/current-user";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { jsonError } from "./json-response";
import { readJsonBody } from "./read-json-body";

/** POST /api/requests: a signed-in physician submits a request as JSON (the form's schema). */
export async function submitRequestRoute(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to submit a request.");
  if (user.role !== "physician") return jsonError(403, "Only physicians submit requests.");

  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = parseSubmission(body.value);
  if (!parsed.ok) {
    const issues = Object.entries(parsed.errors).map(([path, message]) => ({
      path: path || "(body)",
      message,
    }));
    return jsonError(
      400,
      `${issues.length} field(s) are not valid: ${issues.map((i) => i.path).join(", ")}.`,
      issues,
    );
  }
  const { db } = await appContext();
  const result = await submitRequest(db, user.id, parsed.submission, parsed.policy);
  if (!result.ok)
    return jsonError(400, "The answers do not decide the case yet.", [
      { path: `answers.${result.evaluation.nextQuestion}`, message: "is not answered" },
    ]);
  return Response.json(
    { reference: result.reference, determination: result.evaluation.determination },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
}
