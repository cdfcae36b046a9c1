import "server-only";
import type { Db } from "@/lib/db/database";
import { env } from "@/lib/env";
import { nameBasedUuid } from "@/lib/fhir/name-based-uuid";
import { authorizationOf } from "@/lib/requests/authorization-store";
import { latestPendItems } from "@/lib/requests/pend-items";
import { decisionsFor, findRequest } from "@/lib/requests/repository";
import { policyOfRequest } from "@/lib/server/policies";
import { REVIEW_ACTION_OF, responseEntries } from "./claim-response";
import { pasSubmission } from "./repository";

/** A stable urn:uuid for a request's ClaimResponse entry, so a replayed $submit answers the same. */
export const claimResponseUrl = (reference: string): string =>
  `urn:uuid:${nameBasedUuid(`ClaimResponse|${reference}`)}`;

/**
 * A stored PAS request as the entries of a response Bundle, with its current review action: what
 * $submit, $inquire and a subscription's notification carry. `db` may be a transaction's (the
 * outbox reads the response in the transaction that changed it).
 */
export async function responseFor(db: Db, reference: string) {
  const [request, origin, decisions] = await Promise.all([
    findRequest(db, reference),
    pasSubmission(db, reference),
    decisionsFor(db, reference),
  ]);
  if (!request || !origin) throw new Error(`PAS request ${reference} is not stored whole`);
  const [authorization, pendItems] = await Promise.all([
    authorizationOf(db, request.id),
    latestPendItems(db, request.id),
  ]);
  const policy = policyOfRequest(request);
  const latest = decisions.at(-1);
  const entries = responseEntries({
    request,
    origin: {
      claimIdentifier: origin.claim_identifier,
      patientFullUrl: origin.patient_full_url,
      providerFullUrl: origin.provider_full_url,
      insurerFullUrl: origin.insurer_full_url,
    },
    decision: latest,
    authorization,
    pendItems: pendItems.filter((item) => item.answeredAt === null),
    policy,
    appUrl: env().APP_URL.replace(/\/+$/, ""),
    claimResponseUrl: claimResponseUrl(reference),
  });
  return {
    entries,
    code: REVIEW_ACTION_OF[request.status].code,
    timestamp: latest?.decidedAt ?? request.submittedAt,
  };
}
