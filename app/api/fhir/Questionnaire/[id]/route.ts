import { QUESTIONNAIRE_ID } from "@/lib/fhir/canonical";
import { policyQuestionnaire } from "@/lib/fhir/questionnaire";
import { operationOutcome } from "@/lib/fhir/questionnaire-response";
import { fhirJson } from "@/lib/http/fhir-response";
import { methodNotAllowed } from "@/lib/http/json-response";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (id !== QUESTIONNAIRE_ID)
    return fhirJson(
      operationOutcome([
        {
          severity: "error",
          code: "not-found",
          diagnostics: `No Questionnaire ${id}; this server has ${QUESTIONNAIRE_ID}.`,
        },
      ]),
      404,
    );
  return fhirJson(policyQuestionnaire(), 200, { "Cache-Control": "public, max-age=3600" });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
