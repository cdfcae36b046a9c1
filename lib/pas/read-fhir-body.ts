import "server-only";
import { fhirError } from "@/lib/http/fhir-response";
import { parseJson } from "@/lib/http/parse-json";
import { readAtMost } from "@/lib/http/read-body";

// A PAS Bundle carries the Claim, the parties, the QuestionnaireResponse and clinical notes:
// larger than the API's 16 KiB, bounded all the same.
export const MAX_FHIR_BODY_BYTES = 1024 * 1024;

// A $submit Bundle carries the Claim's files as base64 DocumentReferences: it may be as large as
// the body proxy.ts is handed (Next.js copies at most 10 MB of it, proxyClientMaxBodySize), so a
// file of up to about 7 MB fits; each file is still checked against the uploads' 10 MB.
export const MAX_PAS_SUBMIT_BYTES = 10 * 1024 * 1024;

/** A 10 MB file in base64 (13.4 MB) and the Parameters around it: CDex $submit-attachment's. */
export const MAX_SUBMIT_ATTACHMENT_BYTES = 15 * 1024 * 1024;

/** The body read, with its bytes (a retry is recognised by them). */
export type FhirBody =
  { ok: true; value: unknown; bytes: Uint8Array } | { ok: false; response: Response };

/** A FHIR operation's JSON body (application/fhir+json or application/json), or its OperationOutcome. */
export async function readFhirBody(
  request: Request,
  max = MAX_FHIR_BODY_BYTES,
  tooLarge = `The body is larger than ${max} bytes.`,
): Promise<FhirBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/fhir+json" && type !== "application/json")
    return {
      ok: false,
      response: fhirError(
        415,
        "not-supported",
        "Send the body as application/fhir+json (PAS: JSON only).",
      ),
    };
  const bytes = await readAtMost(request, max);
  if (!bytes)
    return {
      ok: false,
      response: fhirError(413, "too-costly", tooLarge),
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
  return { ok: true, value: parsed.value, bytes };
}
