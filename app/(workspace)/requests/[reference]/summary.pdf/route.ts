import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/current-user";
import { methodNotAllowed } from "@/lib/http/json-response";
import { renderRequestSummary } from "@/lib/pdf/render-request-summary";
import { authorizationRows } from "@/lib/requests/authorization";
import { printableHistory } from "@/lib/requests/history-text";
import { decidedReading } from "@/lib/requests/readings";
import { recordExport } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { openCase } from "@/lib/server/open-case";

/** The request as a PDF to file: for its physician and for reviewers, like its pages. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ reference: string }> },
) {
  const { reference } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/requests/${reference}/summary.pdf`)}`);
  const { db } = await appContext();
  const opened = await openCase(db, reference, user, "export");
  // Another physician's request is answered exactly like one that does not exist.
  if (!opened.ok)
    return new Response(`No request ${reference}.`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  const { request, policy, authorization, reading } = opened.case;
  const { entries } = opened.case.history;
  const pdf = await renderRequestSummary(
    request,
    reading,
    printableHistory(entries, policy),
    undefined,
    {
      authorization:
        authorization && authorizationRows(authorization.record, authorization.issuedBy),
      readings: decidedReading(policy, entries),
    },
  );
  // Audited once the document exists: a failed rendering is not an export.
  await recordExport(db, reference, user.id, "pdf");
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${request.reference}-summary.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
