import "server-only";
import type { Transaction } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/audit-log";
import { submitRequest, type SubmitResult } from "@/lib/requests/repository";
import type { Policy } from "@/lib/policy/engine/types";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { clientActorId } from "@/lib/audit/actors";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import type { ClaimBundle } from "./claim-bundle";
import type { DiagnosisFlag } from "./diagnosis-flags";
import type { SupportingDocument } from "./supporting-documents";

/**
 * Stores a PAS submission as a request, through the same submitRequest as the form, with the
 * Bundle's identifier as the idempotency key (scoped to the client, as a physician's keys are to
 * the physician): a retry, or two racing, store one request. The PAS origin and the audit row
 * naming the client are written in the same transaction. A retry is the same Bundle: the same
 * identifier with another Claim.identifier is refused as a reused key (409), not replayed. The
 * Claim's files are stored as the submission's (the same transaction; a retry carries the same
 * files, or it is another request), its diagnosis flags beside its PAS origin.
 */
export async function submitOverPas(
  db: Db,
  holder: TokenHolder,
  submission: RequestSubmission,
  policy: Policy,
  parts: ClaimBundle,
  now = new Date(),
  {
    attachments = [],
    diagnosisFlags = [],
  }: {
    attachments?: readonly SupportingDocument[];
    diagnosisFlags?: readonly DiagnosisFlag[];
  } = {},
): Promise<SubmitResult> {
  const result = await submitRequest(db, clientActorId(holder.clientId), submission, policy, now, {
    idempotencyKey: `pas:${parts.bundleIdentifier}`,
    attachments,
    auditDetail: { via: "pas", client: holder.clientName, diagnosisFlags: diagnosisFlags.length },
    within: async (trx: Transaction<Database>, reference: string) => {
      await trx
        .insertInto("pas_submissions")
        .values({
          reference,
          client_id: holder.clientId,
          bundle_identifier: parts.bundleIdentifier,
          claim_identifier: parts.claimIdentifier!,
          claim_full_url: parts.claim.fullUrl,
          patient_full_url: parts.patient.fullUrl,
          provider_full_url: parts.practitioner.fullUrl,
          insurer_full_url: parts.insurer.fullUrl,
          created_at: now.toISOString(),
          diagnosis_flags_json: JSON.stringify(diagnosisFlags),
        })
        .execute();
    },
  });
  // The fingerprint covers the request's fields, not the Claim's own identifier: a retry must
  // carry the same one, or it is another claim under a reused transaction identifier.
  if (result.ok && result.replayed) {
    const first = await pasSubmission(db, result.reference);
    if (first?.claim_identifier !== parts.claimIdentifier)
      return { ok: false, reason: "key-reused", reference: result.reference };
  }
  return result;
}

export async function pasSubmission(db: Db, reference: string) {
  return db.kysely
    .selectFrom("pas_submissions")
    .selectAll()
    .where("reference", "=", reference)
    .executeTakeFirst();
}

export interface InquiryQuery {
  clientId: string;
  memberId: string;
  npi: string;
  claimIdentifier?: string;
  /** The request's reference (preAuthRef) or the authorization number an approval issued. */
  preAuthRef?: string;
}

/** Why a client may see a request it found: it sent it, or the provider's NPI is registered to it. */
export type InquiryGround = "submitter" | "registered-npi";

export interface InquiryMatch {
  reference: string;
  ground: InquiryGround;
}

/**
 * The PAS requests that match the inquiry, oldest first, with why this client may see each: the
 * member ID and the provider's NPI must both match, always, and the request must be one this
 * client sent or one of a provider (NPI) registered to it (smart:client:add --npi). A member ID
 * alone never finds anything, for any client.
 */
export async function inquiryMatches(db: Db, q: InquiryQuery): Promise<InquiryMatch[]> {
  let query = db.kysely
    .selectFrom("pas_submissions")
    .innerJoin("requests", "requests.reference", "pas_submissions.reference")
    .select(["requests.reference", "pas_submissions.client_id"])
    .where("requests.member_id", "=", q.memberId)
    .where("requests.npi", "=", q.npi)
    .where((eb) =>
      eb.or([
        eb("pas_submissions.client_id", "=", q.clientId),
        eb.exists(
          eb
            .selectFrom("smart_client_npis")
            .select("smart_client_npis.npi")
            .where("smart_client_npis.client_id", "=", q.clientId)
            .whereRef("smart_client_npis.npi", "=", "requests.npi"),
        ),
      ]),
    );
  if (q.claimIdentifier)
    query = query.where("pas_submissions.claim_identifier", "=", q.claimIdentifier);
  if (q.preAuthRef) {
    const ref = q.preAuthRef;
    query = query.where((eb) =>
      eb.or([
        eb("requests.reference", "=", ref),
        eb.exists(
          eb
            .selectFrom("authorizations")
            .select("authorizations.number")
            .where("authorizations.number", "=", ref)
            .whereRef("authorizations.request_id", "=", "requests.id"),
        ),
      ]),
    );
  }
  const rows = await query.orderBy("requests.id").limit(50).execute();
  return rows.map((r) => ({
    reference: r.reference,
    ground: r.client_id === q.clientId ? "submitter" : "registered-npi",
  }));
}

/**
 * Each answer to an inquiry is in the audit trail, with the client that asked: a request found
 * (and on which ground), or that nothing was found. No member ID, name or NPI is written.
 */
export async function recordInquiry(
  db: Db,
  holder: TokenHolder,
  found: { reference: string; ground: InquiryGround; code: string } | null,
) {
  await recordAudit(db.kysely, {
    actorId: clientActorId(holder.clientId),
    action: "request.inquired",
    requestReference: found?.reference ?? null,
    detail: found
      ? {
          via: "pas",
          client: holder.clientName,
          ground: found.ground,
          reviewActionCode: found.code,
        }
      : { via: "pas", client: holder.clientName, matched: 0 },
  });
}

/** The reviewer's flags of a PAS request: where its diagnosis codes disagree with the answers. */
export async function pasDiagnosisFlags(db: Db, reference: string): Promise<DiagnosisFlag[]> {
  const row = await db.kysely
    .selectFrom("pas_submissions")
    .select("diagnosis_flags_json")
    .where("reference", "=", reference)
    .executeTakeFirst();
  return row ? (JSON.parse(row.diagnosis_flags_json) as DiagnosisFlag[]) : [];
}

/** Which of these requests came over PAS, and from which client (by name). */
export async function pasOrigins(
  db: Db,
  references: readonly string[],
): Promise<Map<string, string>> {
  if (references.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom("pas_submissions")
    .innerJoin("smart_clients", "smart_clients.client_id", "pas_submissions.client_id")
    .select(["pas_submissions.reference", "smart_clients.name"])
    .where("pas_submissions.reference", "in", references)
    .execute();
  return new Map(rows.map((r) => [r.reference, r.name]));
}
