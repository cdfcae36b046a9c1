import "server-only";
import { recordAudit } from "@/lib/audit/audit-log";
import { getCurrentUser } from "@/lib/server/current-user";
import { fileNameFor } from "@/lib/request-model/attachment-check";
import { attachmentOf } from "@/lib/requests/case-history";
import { appContext } from "@/lib/server/app-context";
import { openCase } from "@/lib/server/open-case";
import { jsonError } from "./json-response";

/**
 * GET /api/requests/{reference}/attachments/{id}: a file of a request, for those who may read the
 * request. Always a download (never shown inline, never sniffed), and audited before it is sent.
 * Another physician's request, or a file of another request, is a 404 like a missing one.
 */
export async function attachmentDownloadRoute(
  _request: Request,
  { params }: { params: Promise<{ reference: string; id: string }> },
): Promise<Response> {
  const { reference, id } = await params;
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to download a request's files.");
  const notFound = () =>
    jsonError(404, `No file ${id.slice(0, 20)} on request ${reference.slice(0, 20)}.`);
  if (!/^\d{1,15}$/.test(id)) return notFound();
  const { db } = await appContext();
  const opened = await openCase(db, reference, user, "export");
  if (!opened.ok) return notFound();
  const file = await attachmentOf(db, opened.case.request.id, Number(id));
  if (!file) return notFound();
  await recordAudit(db.kysely, {
    actorId: user.id,
    action: "request.attachment-downloaded",
    requestReference: reference,
    detail: { attachment: file.id, contentType: file.content_type, size: Number(file.size) },
  });
  // Named as stored today, whatever older rows hold: cleaned, with its type's extension.
  const name = fileNameFor(file.name, file.content_type);
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.content_type,
      "Content-Disposition": `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

/** The name for clients that read only `filename`: ASCII, without quotes or backslashes. */
const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, "_");
