import { requestToResponse } from "@/lib/fhir/request-export";
import { getCurrentUser } from "@/lib/auth/current-user";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { fhirError, fhirJson, fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { authorizationOf } from "@/lib/requests/authorization-store";
import { decisionsFor, recordExport, requestForExport } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { policyOfRequest } from "@/lib/server/policies";

/** The stored request as a QuestionnaireResponse; the same access rules as its pages. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ reference: string }> },
) {
  const user = await getCurrentUser();
  if (!user) return fhirError(401, "login", "Sign in to export a request.");
  const { reference } = await params;
  const { db } = await appContext();
  const request = await requestForExport(db, reference, user);
  if (!request) return fhirError(404, "not-found", `No request ${reference}.`);
  const [decisions, authorization] = await Promise.all([
    decisionsFor(db, reference),
    authorizationOf(db, request.id),
  ]);
  const resource = requestToResponse(
    policyOfRequest(request),
    request,
    decisions,
    serverFhirBase(),
    authorization,
  );
  // Audited once the resource exists: a failed conversion is not an export.
  await recordExport(db, reference, user.id, "fhir");
  return fhirJson(resource, 200, {
    "Content-Disposition": `attachment; filename="${request.reference}-questionnaire-response.json"`,
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["GET"]);
