import "server-only";
import type { Transaction } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/audit-log";
import { submitRequest, type SubmitResult } from "@/lib/requests/repository";
import type { Policy } from "@/lib/policy/engine/types";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { clientActorId } from "@/lib/smart/clients";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import type { ClaimBundle } from "./claim-bundle";

/**
 * Stores a PAS submission as a request, through the same submitRequest as the form, with the
 * Bundle's identifier as the idempotency key (scoped to the client, as a physician's keys are to
 * the physician): a retry, or two racing, store one request. The PAS origin and the audit row
 * naming the client are written in the same transaction. A retry is the same Bundle: the same
 * identifier with another Claim.identifier is refused as a reused key (409), not replayed.
 */
export async function submitOverPas(
  db: Db,
  holder: TokenHolder,
  submission: RequestSubmission,
  policy: Policy,
  parts: ClaimBundle,
  now = new Date(),
): Promise<SubmitResult> {
  const result = await submitRequest(db, clientActorId(holder.clientId), submission, policy, now, {
    idempotencyKey: `pas:${parts.bundleIdentifier}`,
    auditDetail: { via: "pas", client: holder.clientName },
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
  preAuthRef?: string;
}

/** The references of this client's PAS requests that match the inquiry, oldest first. */
export async function inquiryMatches(db: Db, q: InquiryQuery): Promise<string[]> {
  let query = db.kysely
    .selectFrom("pas_submissions")
    .innerJoin("requests", "requests.reference", "pas_submissions.reference")
    .select("requests.reference")
    .where("pas_submissions.client_id", "=", q.clientId)
    .where("requests.member_id", "=", q.memberId)
    .where("requests.npi", "=", q.npi);
  if (q.claimIdentifier)
    query = query.where("pas_submissions.claim_identifier", "=", q.claimIdentifier);
  if (q.preAuthRef) query = query.where("requests.reference", "=", q.preAuthRef);
  const rows = await query.orderBy("requests.id").limit(50).execute();
  return rows.map((r) => r.reference);
}

/** Each answered inquiry is in the request's audit trail, with the client that asked. */
export async function recordInquiry(db: Db, holder: TokenHolder, reference: string, code: string) {
  await recordAudit(db.kysely, {
    actorId: clientActorId(holder.clientId),
    action: "request.inquired",
    requestReference: reference,
    detail: { via: "pas", client: holder.clientName, reviewActionCode: code },
  });
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
