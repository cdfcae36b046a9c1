import "server-only";
import * as z from "zod/mini";
import { REVIEW_ROLES } from "@/lib/request-model/roles";
import { recordRuleAudit } from "@/lib/requests/rule-audits";
import { appContext } from "@/lib/server/app-context";
import { withRole } from "@/lib/server/with-role";
import { checkbox } from "@/lib/validations/checkbox";
import { MAX_TEXT, tooLong } from "@/lib/validations/text-limits";
import { jsonError } from "./json-response";
import { readMessageBody } from "./read-message-body";

const finding = z.strictObject({
  agrees: checkbox,
  note: z.string({ error: "The note is required" }).check(
    z.refine((s) => s.trim().length > 0, { error: "The note is required" }),
    z.maxLength(MAX_TEXT, { error: tooLong("The note") }),
  ),
});

/**
 * POST /api/requests/{reference}/rule-audit: a reviewer's finding on a rule approval drawn for
 * audit (agrees: true or false, and a note). 200; 400 for a wrong field; 404 when the request was
 * not drawn; 409 when it was already audited. Nothing changes on a refusal.
 */
export async function ruleAuditRoute(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const { reference } = await params;
  return withRole(
    REVIEW_ROLES,
    async (r: Request) => {
      const body = await readMessageBody(r);
      if (!body.ok) return { ok: false as const, error: body.response };
      const parsed = finding.safeParse(body.fields);
      if (parsed.success && body.files.length === 0)
        return { ok: true as const, value: parsed.data };
      const issues = [
        ...(parsed.success
          ? []
          : parsed.error.issues.map((i) => ({
              path: i.path.map(String).join(".") || "(body)",
              message: i.message,
            }))),
        ...(body.files.length ? [{ path: "files", message: "this step takes no files" }] : []),
      ];
      return {
        ok: false as const,
        error: jsonError(400, "The finding is not valid. Nothing was saved.", issues),
      };
    },
    async (user, { agrees, note }): Promise<Response> => {
      const result = await recordRuleAudit((await appContext()).db, {
        reference,
        auditorId: user.id,
        agrees,
        note: note.trim(),
      });
      if (!result.ok)
        return result.reason === "not-found"
          ? jsonError(404, `${reference.slice(0, 20)} is not a rule approval drawn for audit.`)
          : jsonError(409, `${result.message} Nothing was saved.`);
      return Response.json(
        { reference, audited: true },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
    {
      signedOut: () => jsonError(401, "Sign in first."),
      wrongRole: () =>
        jsonError(403, "Only a reviewer or a medical director audits rule approvals."),
      invalid: (response: Response) => response,
    },
  )(request);
}
