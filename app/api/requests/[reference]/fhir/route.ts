import { requestToResponse } from "@/lib/fhir/request-export";
import { getCurrentUser } from "@/lib/server/current-user";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { fhirError, fhirJson, fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { decisionsFor, recordExport } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { openCase } from "@/lib/server/open-case";

/** The stored request as a QuestionnaireResponse; the same access rules as its pages. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ reference: string }> },
) {
  const user = await getCurrentUser();
  if (!user) return fhirError(401, "login", "Sign in to export a request.");
  const { reference } = await params;
  const { db } = await appContext();
  const opened = await openCase(db, reference, user, "export");
  if (!opened.ok) return fhirError(404, "not-found", `No request ${reference}.`);
  const { request, policy, authorization } = opened.case;
  const resource = requestToResponse(
    policy,
    request,
    await decisionsFor(db, reference),
    serverFhirBase(),
    authorization?.record,
  );
  // Audited once the resource exists: a failed conversion is not an export.
  await recordExport(db, reference, user.id, "fhir");
  return fhirJson(resource, 200, {
    "Content-Disposition": `attachment; filename="${request.reference}-questionnaire-response.json"`,
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["GET"]);
