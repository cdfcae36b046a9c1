import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { logger } from "@/lib/log/logger";
import { currentRequestId } from "@/lib/log/request-id";

// The audit trail: one append-only row per event (a submission, a view, an export, a decision, a
// sign-in), written in the same transaction as what it records, and one JSON log line.

type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEvent {
  actorId: string | null;
  action: string;
  requestReference?: string | null;
  /** Non-identifying details only: never patient fields, passwords or tokens. */
  detail?: Record<string, string | number | boolean | null>;
  subject?: string | null;
  ip?: string | null;
}

export async function recordAudit(db: Executor, event: AuditEvent, at = new Date()) {
  // Written when the row is inserted; a rollback (rare: the transaction failing after it) leaves
  // a line without a row. Subject and IP stay out of the log: they identify an account holder.
  logger.info(
    {
      event: "audit",
      action: event.action,
      reference: event.requestReference ?? null,
      actorId: event.actorId,
      detail: event.detail ?? {},
      requestId: await currentRequestId(),
    },
    event.action,
  );
  await db
    .insertInto("audit_events")
    .values({
      at: at.toISOString(),
      actor_id: event.actorId,
      action: event.action,
      request_reference: event.requestReference ?? null,
      detail_json: JSON.stringify(event.detail ?? {}),
      subject: event.subject ?? null,
      ip: event.ip ?? null,
    })
    .execute();
}

/** A request's audit trail, oldest first. */
export async function auditTrail(db: Db, reference: string) {
  return db.kysely
    .selectFrom("audit_events")
    .select(["at", "actor_id as actorId", "action", "detail_json as detail"])
    .where("request_reference", "=", reference)
    .orderBy("id")
    .execute();
}
