import "server-only";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { FHIR_BODY, fhirJson, fhirMethodNotAllowed, fhirRefusal } from "@/lib/http/fhir-response";
import { readJson } from "@/lib/http/read-json";
import { unproxiedHandlers } from "@/lib/http/unproxied";
import { MAX_ATTACHMENT_BYTES } from "@/lib/request-model/attachment-check";
import { appContext } from "@/lib/server/app-context";
import { requireScope } from "@/lib/smart/bearer";
import { SCOPES } from "@/lib/smart/scopes";
import { receiveAttachment } from "./receive-attachment";

const MB = 1024 * 1024;

/** A 10 MB file in base64 (13.4 MB) and the Parameters around it. */
const MAX_SUBMIT_ATTACHMENT_BYTES = 15 * MB;

/**
 * POST /api/fhir/$submit-attachment (CDex 2.1): an EHR answers a pend item of a request it sent
 * over PAS. Not behind proxy.ts (its matcher): Next.js would copy at most 10 MB of the body for
 * it, and a 10 MB file is 13.4 MB in base64; the route makes the proxy's checks itself.
 */
async function submitAttachment(request: Request): Promise<Response> {
  const auth = await requireScope(request, SCOPES.claimWrite);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, {
    ...FHIR_BODY,
    maxBytes: MAX_SUBMIT_ATTACHMENT_BYTES,
    tooLarge: `The Parameters are larger than ${MAX_SUBMIT_ATTACHMENT_BYTES / MB} MB: send at most one ${MAX_ATTACHMENT_BYTES / MB} MB file (base64) per submission, or send the files in several submissions with Final false until the last.`,
  });
  if (!body.ok) return fhirRefusal(body.problem);
  const { db } = await appContext();
  const answer = await receiveAttachment(db, auth.holder, body, serverFhirBase());
  return fhirJson(answer.body, answer.status);
}

export const submitAttachmentRoute = unproxiedHandlers({
  ...fhirMethodNotAllowed(["POST"]),
  POST: submitAttachment,
});
