import "server-only";
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { DATA_REQUEST_LOINC } from "@/lib/request-model/pend-documents";
import { requestColumns, requestFieldsOf, type StoredRequest } from "./request-row";

// The items of a request for more information about a PAS request (lib/db pend_items): written
// with the A4 decision, read by the PAS response (one CommunicationRequest each), by DTR's
// $questionnaire-package (a 102089-0 item's context id) and by CDex $submit-attachment (its
// TrackingId). An item is pending while it belongs to the request's latest request for
// information, the request still waits for it, and no final submission answered it.

export interface PendItem {
  trackingId: string;
  requestId: number;
  clientId: string;
  position: number;
  criterion: string;
  /** LOINC code of what is asked for. */
  document: string;
  question: string;
  contextId: string | null;
  answeredAt: string | null;
}

/** An unguessable identifier: the attachment control number, or a DTR context id. */
const newId = (prefix: string) => `${prefix}-${randomBytes(16).toString("hex")}`;

type Row = Database["pend_items"];
const fromRow = (r: Row): PendItem => ({
  trackingId: r.tracking_id,
  requestId: Number(r.request_id),
  clientId: r.client_id,
  position: Number(r.position),
  criterion: r.criterion,
  document: r.document,
  question: r.question,
  contextId: r.context_id,
  answeredAt: r.answered_at,
});

/** Stores one item per criterion inside the A4 decision's transaction. */
export async function addPendItems(
  trx: Kysely<Database>,
  input: {
    requestId: number;
    decisionId: number;
    clientId: string;
    criteria: readonly string[];
    documents: readonly string[];
    question: string;
  },
  now: Date,
) {
  for (const [i, criterion] of input.criteria.entries()) {
    const document = input.documents[i]!;
    await trx
      .insertInto("pend_items")
      .values({
        tracking_id: newId("acn"),
        request_id: input.requestId,
        decision_id: input.decisionId,
        client_id: input.clientId,
        position: i + 1,
        criterion,
        document,
        question: input.question,
        context_id: document === DATA_REQUEST_LOINC ? newId("dtr") : null,
        created_at: now.toISOString(),
        answered_at: null,
      })
      .execute();
  }
}

/** The items of the request's latest request for information, in order (none: never pended). */
export async function latestPendItems(
  db: Db | Kysely<Database>,
  requestId: number,
): Promise<PendItem[]> {
  const k = "kysely" in db ? db.kysely : db;
  const rows = await k
    .selectFrom("pend_items")
    .selectAll()
    .where("request_id", "=", requestId)
    .where(
      "decision_id",
      "=",
      k
        .selectFrom("pend_items as p")
        .select((eb) => eb.fn.max("p.decision_id").as("latest"))
        .where("p.request_id", "=", requestId),
    )
    .orderBy("position")
    .execute();
  return rows.map(fromRow);
}

/**
 * The pending item with this TrackingId (or DTR context id) of a request `clientId` sent; none
 * when it is unknown, another client's, answered, or no longer the latest request for
 * information: the caller cannot tell which.
 */
export async function pendingItem(
  k: Kysely<Database>,
  clientId: string,
  by: { trackingId: string } | { contextId: string },
): Promise<(PendItem & Pick<StoredRequest, "reference" | "memberId">) | undefined> {
  let query = k
    .selectFrom("pend_items")
    .innerJoin("requests", "requests.id", "pend_items.request_id")
    .selectAll("pend_items")
    .select(requestColumns(["reference", "memberId", "status"]))
    .where("pend_items.client_id", "=", clientId)
    .where("pend_items.answered_at", "is", null);
  query =
    "trackingId" in by
      ? query.where("pend_items.tracking_id", "=", by.trackingId)
      : query.where("pend_items.context_id", "=", by.contextId);
  const row = await query.executeTakeFirst();
  if (!row || row.status !== "more-information") return undefined;
  const latest = await latestPendItems(k, Number(row.request_id));
  if (!latest.some((i) => i.trackingId === row.tracking_id)) return undefined;
  return { ...fromRow(row), ...requestFieldsOf(row, ["reference", "memberId"]) };
}
