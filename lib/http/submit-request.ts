import "server-only";
import { getCurrentUser } from "@/lib/auth/current-user";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { jsonError } from "./json-response";
import { readJsonBody } from "./read-json-body";

// A token of visible ASCII, as the IETF httpapi draft's examples and the common APIs use.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * POST /api/requests: a signed-in physician submits a request as JSON (the form's schema). With
 * an Idempotency-Key header, sending the same body again returns the same 201 and reference
 * instead of storing a second request; the same key with another body is a 409.
 */
export async function submitRequestRoute(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to submit a request.");
  if (user.role !== "physician") return jsonError(403, "Only physicians submit requests.");

  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key))
    return jsonError(400, "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", [
      { path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
    ]);

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
  const result = await submitRequest(db, user.id, parsed.submission, parsed.policy, undefined, {
    idempotencyKey: key ?? undefined,
  });
  if (!result.ok && result.reason === "key-reused")
    return jsonError(
      409,
      "This Idempotency-Key was already used with a different request body; send a new key for a new request.",
      [{ path: "Idempotency-Key", message: "was already used with a different body" }],
    );
  if (!result.ok)
    return jsonError(400, "The answers do not decide the case yet.", [
      { path: `answers.${result.evaluation.nextQuestion}`, message: "is not answered" },
    ]);
  return Response.json(
    { reference: result.reference, determination: result.evaluation.determination },
    {
      status: 201,
      headers: {
        "Cache-Control": "no-store",
        ...(result.replayed ? { "Idempotent-Replayed": "true" } : {}),
      },
    },
  );
}
