import "server-only";
import { fhirError } from "@/lib/http/fhir-response";
import { parseJson } from "@/lib/http/parse-json";
import { readAtMost } from "@/lib/http/read-body";

// A PAS Bundle carries the Claim, the parties, the QuestionnaireResponse and clinical notes:
// larger than the API's 16 KiB, bounded all the same.
export const MAX_FHIR_BODY_BYTES = 1024 * 1024;

export type FhirBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** A FHIR operation's JSON body (application/fhir+json or application/json), or its OperationOutcome. */
export async function readFhirBody(request: Request): Promise<FhirBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/fhir+json" && type !== "application/json")
    return {
      ok: false,
      response: fhirError(
        415,
        "not-supported",
        "Send the Bundle as application/fhir+json (PAS: JSON only).",
      ),
    };
  const bytes = await readAtMost(request, MAX_FHIR_BODY_BYTES);
  if (!bytes)
    return {
      ok: false,
      response: fhirError(
        413,
        "too-costly",
        `The body is larger than ${MAX_FHIR_BODY_BYTES} bytes.`,
      ),
    };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: fhirError(400, "invalid", "The body is not valid UTF-8 text.") };
  }
  const parsed = parseJson(text);
  if (!parsed.ok)
    return {
      ok: false,
      response: fhirError(
        400,
        parsed.reason === "too-deep" ? "too-costly" : "invalid",
        parsed.reason === "too-deep" ? parsed.message : "The body is not valid JSON.",
      ),
    };
  return { ok: true, value: parsed.value };
}
