import "server-only";
import type { BundleEntry } from "@medplum/fhirtypes";
import type { Db } from "@/lib/db/database";
import { informationOutcome, issueAt } from "@/lib/fhir/outcomes";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { FHIR_BODY, fhirError, fhirJson, fhirOutcome, fhirRefusal } from "@/lib/http/fhir-response";
import { readJson } from "@/lib/http/read-json";
import { appContext } from "@/lib/server/app-context";
import { parseSubmission } from "@/lib/server/parse-submission";
import { policies } from "@/lib/server/policies";
import { requireScope } from "@/lib/smart/bearer";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { SCOPES } from "@/lib/smart/scopes";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import { codesIn, PAS_EXTENSION, Problems } from "./bundle";
import { isObject } from "@/lib/http/parse-json";
import { readClaimBundle } from "./claim-bundle";
import { responseBundle } from "./claim-response";
import { inquiryMatches, recordInquiry, submitOverPas, type InquiryMatch } from "./repository";
import { responseFor } from "./response-for";
import { mapSubmitBundle } from "./submit-bundle";

// A $submit Bundle carries the Claim's files as base64 DocumentReferences: it may be as large as
// the body proxy.ts is handed (Next.js copies at most 10 MB of it, proxyClientMaxBodySize), so a
// file of up to about 7 MB fits; each file is still checked against the uploads' 10 MB.
const MAX_PAS_SUBMIT_BYTES = 10 * 1024 * 1024;

/**
 * POST /api/fhir/Claim/$submit (PAS STU 2.0.1 OperationDefinition Claim-submit): a PAS request
 * Bundle → the same submission, validation and repository as the form → the PAS response Bundle.
 */
export async function submitRoute(request: Request): Promise<Response> {
  const auth = await requireScope(request, SCOPES.claimWrite);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, {
    ...FHIR_BODY,
    maxBytes: MAX_PAS_SUBMIT_BYTES,
    tooLarge: `The Bundle is larger than ${MAX_PAS_SUBMIT_BYTES / 1024 / 1024} MB: its files (DocumentReference attachment.data, base64) may hold about ${Math.floor((MAX_PAS_SUBMIT_BYTES * 3) / 4 / 1024 / 1024)} MB in all.`,
  });
  if (!body.ok) return fhirRefusal(body.problem);
  const mapped = mapSubmitBundle(body.value, policies, serverFhirBase());
  if (!mapped.ok) return fhirOutcome(mapped.problems.issues);
  const { input, pathOf, parts, attachments, diagnosisFlags } = mapped.value;

  const parsed = parseSubmission(input);
  if (!parsed.ok) {
    const problems = new Problems();
    for (const [field, message] of Object.entries(parsed.errors)) {
      const root = field.split(".")[0]!;
      problems.add(
        Object.hasOwn(pathOf, root) ? pathOf[root as keyof typeof pathOf] : "Bundle",
        message,
      );
    }
    return fhirOutcome(problems.issues);
  }
  const { db } = await appContext();
  const result = await submitOverPas(
    db,
    auth.holder,
    parsed.submission,
    parsed.policy,
    parts,
    new Date(),
    { attachments, diagnosisFlags },
  );
  if (!result.ok && result.reason === "key-reused")
    return fhirError(
      409,
      "duplicate",
      "Bundle.identifier: this submitter transaction identifier was already used for a different request (other fields, or another Claim.identifier); send a new identifier for a new request.",
    );
  if (!result.ok)
    return fhirOutcome([
      issueAt(
        pathOf.answers,
        `the answers do not decide the case yet; ${result.next.field}: ${result.next.reason}`,
        "required",
      ),
    ]);
  const { entries, timestamp } = await responseFor(db, result.reference);
  return fhirJson(
    responseBundle(entries, timestamp),
    200,
    result.replayed ? { "Idempotent-Replayed": "true" } : {},
  );
}

const AUTHORIZATION_NUMBER = `${PAS_EXTENSION}/extension-authorizationNumber`;

/**
 * POST /api/fhir/Claim/$inquire (PAS STU 2.0.1 OperationDefinition Claim-inquiry): query by
 * example. The member ID and the provider's NPI must match, and the original Claim.identifier or
 * the item's authorizationNumber (our preAuthRef, or an approval's authorization number) narrow
 * it; only requests the asking client sent, or of an NPI registered to it, are ever found. An
 * inquiry that matches nothing answers a Bundle with an informational OperationOutcome, the same
 * whether the request does not exist or belongs to another client. Every answer is audited.
 */
export async function inquireRoute(request: Request): Promise<Response> {
  const auth = await requireScope(request, SCOPES.claimResponseRead);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, FHIR_BODY);
  if (!body.ok) return fhirRefusal(body.problem);
  const problems = new Problems();
  const parts = readClaimBundle(body.value, problems, { requireClaimIdentifier: false });
  const claim = parts?.claim.resource;
  const items = claim && Array.isArray(claim.item) ? claim.item : [];
  const numbers = items.flatMap((item) =>
    isObject(item) && Array.isArray(item.extension)
      ? item.extension
          .filter(
            (e) =>
              isObject(e) && e.url === AUTHORIZATION_NUMBER && typeof e.valueString === "string",
          )
          .map((e) => (e as { valueString: string }).valueString)
      : [],
  );
  if (new Set(numbers).size > 1)
    problems.add(
      "Bundle.entry[0].resource.item",
      "names more than one authorization number: ask for one at a time",
    );
  for (const [i, item] of items.entries())
    if (
      isObject(item) &&
      item.productOrService !== undefined &&
      codesIn(item.productOrService, CPT_SYSTEM).length === 0
    )
      problems.add(
        `Bundle.entry[0].resource.item[${i}].productOrService`,
        "must be a CPT code when given",
      );
  if (!parts || problems.any) return fhirOutcome(problems.issues);

  const { db } = await appContext();
  const matches = await inquiryMatches(db, {
    clientId: auth.holder.clientId,
    memberId: parts.memberId,
    npi: parts.npi,
    claimIdentifier: parts.claimIdentifier,
    preAuthRef: numbers[0],
  });
  return fhirJson(await inquiryBundle(db, auth.holder, matches), 200);
}

// The ClaimResponses first (PAS: the Bundle starts with them), then what they reference, once each.
async function inquiryBundle(db: Db, holder: TokenHolder, matches: InquiryMatch[]) {
  const responses: BundleEntry[] = [];
  const referenced = new Map<string, BundleEntry>();
  for (const { reference, ground } of matches) {
    const { entries: found, code } = await responseFor(db, reference);
    responses.push(found[0]!);
    for (const entry of found.slice(1))
      if (!referenced.has(entry.fullUrl!)) referenced.set(entry.fullUrl!, entry);
    await recordInquiry(db, holder, { reference, ground, code });
  }
  if (matches.length === 0) await recordInquiry(db, holder, null);
  const entries = [...responses, ...referenced.values()];
  if (entries.length === 0)
    entries.push({
      fullUrl: `urn:uuid:${crypto.randomUUID()}`,
      resource: informationOutcome(
        "No prior authorization request this client may see matches this inquiry.",
        "not-found",
      ),
    });
  return responseBundle(entries, new Date().toISOString());
}
