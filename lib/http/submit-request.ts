import "server-only";
import type { NewAttachment } from "@/lib/requests/attachment-store";
import { readAttachments, type ReceivedFile } from "@/lib/requests/read-attachments";
import { submitRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { ruleApprovalFor } from "@/lib/server/rule-approval";
import { withRole } from "@/lib/server/with-role";
import { jsonError } from "./json-response";
import { readMessageBody } from "./read-message-body";
import { determinationLines } from "./served-evaluation";

// A token of visible ASCII, as the IETF httpapi draft's examples and the common APIs use.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

type Submission = Extract<ReturnType<typeof parseSubmission>, { ok: true }> & {
  key?: string;
  attachments: NewAttachment[];
};

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
  const body = await readSubmissionBody(request);
  if (!body.ok) return refuse(body.response);
  const parsed = parseSubmission(body.value);
  const files = await readAttachments(body.files);
  if (!parsed.ok || !files.ok) {
    const issues = [
      ...Object.entries(parsed.ok ? {} : parsed.errors).map(([path, message]) => ({
        path: path || "(body)",
        message,
      })),
      ...(files.ok ? [] : files.issues),
    ];
    return refuse(
      jsonError(
        400,
        `${issues.length} field(s) are not valid: ${issues.map((i) => i.path).join(", ")}.`,
        issues,
      ),
    );
  }
  return {
    ok: true as const,
    value: { ...parsed, key: key ?? undefined, attachments: files.attachments } as Submission,
  };
}

/**
 * A submission as JSON, or as multipart/form-data with its fields as JSON in the part "request"
 * and its files in "files" parts (how the browser's form sends it).
 */
async function readSubmissionBody(
  request: Request,
): Promise<
  { ok: true; value: unknown; files: ReceivedFile[] } | { ok: false; response: Response }
> {
  const body = await readMessageBody(request);
  if (!body.ok) return body;
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/"))
    return { ok: true, value: body.fields, files: [] };
  const { request: fields, ...others } = body.fields;
  const extra = Object.keys(others);
  if (fields === undefined || extra.length)
    return {
      ok: false,
      response: jsonError(
        400,
        'A multipart submission sends its fields as JSON in the part "request" and its files in "files" parts.',
        [
          ...(fields === undefined ? [{ path: "request", message: "is missing" }] : []),
          ...extra.map((name) => ({ path: name, message: "is not a part of a submission" })),
        ],
      ),
    };
  return { ok: true, value: fields, files: body.files };
}

/**
 * POST /api/requests: a signed-in physician submits a request as JSON (the form's schema). With
 * an Idempotency-Key header, sending the same body again returns the same 201 and reference
 * instead of storing a second request; the same key with another body is a 409.
 */
export const submitRequestRoute = withRole(
  ["physician"],
  parseRequest,
  async (user, { submission, policy, key, attachments }): Promise<Response> => {
    const { db } = await appContext();
    const result = await submitRequest(db, user.id, submission, policy, undefined, {
      idempotencyKey: key,
      attachments,
      ruleApproval: ruleApprovalFor(policy.id),
    });
    if (!result.ok && result.reason === "key-reused")
      return jsonError(
        409,
        key?.startsWith("form:")
          ? `This form was already submitted${result.reference ? ` as ${result.reference}` : ""}, with other details. Nothing new was stored: reload the page to submit another request.`
          : "This Idempotency-Key was already used with a different request body; send a new key for a new request.",
        [{ path: "Idempotency-Key", message: "was already used with a different body" }],
      );
    if (!result.ok)
      return jsonError(400, "The answers do not decide the case yet.", [
        { path: `answers.${result.next.field}`, message: result.next.reason },
      ]);
    return Response.json(
      {
        reference: result.reference,
        determination: result.evaluation.determination,
        status: result.status,
        ...determinationLines(policy),
      },
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
