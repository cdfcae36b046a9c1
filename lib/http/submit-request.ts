import "server-only";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { withRole } from "@/lib/server/with-role";
import { jsonError } from "./json-response";
import { readJsonBody } from "./read-json-body";

// A token of visible ASCII, as the IETF httpapi draft's examples and the common APIs use.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

type Submission = Extract<ReturnType<typeof parseSubmission>, { ok: true }> & { key?: string };

/** The request's Idempotency-Key and JSON body, read and checked; any refusal is a Response. */
async function parseRequest(request: Request) {
  const refuse = (response: Response) => ({ ok: false as const, error: response });
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key))
    return refuse(
      jsonError(400, "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", [
        { path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
      ]),
    );
  const body = await readJsonBody(request);
  if (!body.ok) return refuse(body.response);
  const parsed = parseSubmission(body.value);
  if (!parsed.ok) {
    const issues = Object.entries(parsed.errors).map(([path, message]) => ({
      path: path || "(body)",
      message,
    }));
    return refuse(
      jsonError(
        400,
        `${issues.length} field(s) are not valid: ${issues.map((i) => i.path).join(", ")}.`,
        issues,
      ),
    );
  }
  return { ok: true as const, value: { ...parsed, key: key ?? undefined } as Submission };
}

/**
 * POST /api/requests: a signed-in physician submits a request as JSON (the form's schema). With
 * an Idempotency-Key header, sending the same body again returns the same 201 and reference
 * instead of storing a second request; the same key with another body is a 409.
 */
export const submitRequestRoute = withRole(
  ["physician"],
  parseRequest,
  async (user, { submission, policy, key }): Promise<Response> => {
    const { db } = await appContext();
    const result = await submitRequest(db, user.id, submission, policy, undefined, {
      idempotencyKey: key,
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
  },
  {
    signedOut: () => jsonError(401, "Sign in to submit a request."),
    wrongRole: () => jsonError(403, "Only physicians submit requests."),
    invalid: (response) => response,
  },
);
