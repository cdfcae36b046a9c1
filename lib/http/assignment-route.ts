import "server-only";
import * as z from "zod/mini";
import { REVIEW_ROLES } from "@/lib/request-model/roles";
import { assignRequest } from "@/lib/requests/assignment";
import { appContext } from "@/lib/server/app-context";
import { withRole } from "@/lib/server/with-role";
import { jsonError } from "./json-response";
import { readMessageBody } from "./read-message-body";

const assignment = z.strictObject({
  /** "me", an account id, or "" for nobody. */
  assignee: z.string({ error: "Choose whom to assign the case to" }).check(z.maxLength(200)),
});

/**
 * POST /api/requests/{reference}/assignment: who works on an open case. 200 with the assignee;
 * 400 for a wrong field, 403 for a role that assigns nothing, 404 for no such request, 409 when
 * the case is closed or the assignee takes no review step. Nothing changes on a refusal.
 */
export async function assignmentRoute(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const { reference } = await params;
  return withRole(
    REVIEW_ROLES,
    async (r: Request) => {
      const body = await readMessageBody(r);
      if (!body.ok) return { ok: false as const, error: body.response };
      if (body.files.length)
        return {
          ok: false as const,
          error: jsonError(400, "An assignment takes no files.", [
            { path: "files", message: "this step takes no files" },
          ]),
        };
      const parsed = assignment.safeParse(body.fields);
      return parsed.success
        ? { ok: true as const, value: parsed.data.assignee }
        : {
            ok: false as const,
            error: jsonError(
              400,
              "The assignment is not valid. Nothing was saved.",
              parsed.error.issues.map((i) => ({
                path: i.path.map(String).join(".") || "(body)",
                message: i.message,
              })),
            ),
          };
    },
    async (user, assignee): Promise<Response> => {
      const result = await assignRequest((await appContext()).db, {
        reference,
        by: { id: user.id, role: user.role, specialty: user.specialty },
        assignee: assignee === "me" ? user.id : assignee === "" ? null : assignee,
      });
      if (!result.ok)
        return result.reason === "not-found"
          ? jsonError(404, `No request ${reference.slice(0, 20)}.`)
          : jsonError(409, `${result.message} Nothing was saved.`);
      return Response.json(
        { reference, assignedTo: result.assignedTo },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
    {
      signedOut: () => jsonError(401, "Sign in first."),
      wrongRole: () => jsonError(403, "Only a reviewer or a medical director assigns cases."),
      invalid: (response: Response) => response,
    },
  )(request);
}
