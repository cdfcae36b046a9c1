import "server-only";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import { lockedTransaction } from "@/lib/db/locked-transaction";
import { requestColumns, requestFieldsOf, type StoredRequest } from "./request-row";

// The retrospective audit of rule approvals: a share of them is drawn at submission
// (lib/requests/repository.ts), and a reviewer reads each and records whether the rule was right.
// A finding never changes the approval: a decision is final.

/** What the list shows of each request. */
const AUDITED_FIELDS = ["reference", "patientName", "serviceDate"] as const;

export interface RuleAuditRow extends Pick<StoredRequest, (typeof AUDITED_FIELDS)[number]> {
  approvedAt: string;
  auditedAt: string | null;
  auditorId: string | null;
  agrees: boolean | null;
  note: string | null;
}

/** The drawn rule approvals, those still to audit first, then the latest audited. */
export async function ruleAuditList(db: Db, limit = 100): Promise<RuleAuditRow[]> {
  const rows = await db.kysely
    .selectFrom("rule_audits")
    .innerJoin("requests", "requests.id", "rule_audits.request_id")
    .select([
      ...requestColumns(AUDITED_FIELDS),
      "rule_audits.sampled_at as approvedAt",
      "rule_audits.audited_at as auditedAt",
      "rule_audits.auditor_id as auditorId",
      "rule_audits.agrees",
      "rule_audits.note",
    ])
    .orderBy((eb) => eb.case().when("rule_audits.audited_at", "is", null).then(0).else(1).end())
    .orderBy("rule_audits.sampled_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...requestFieldsOf(r, AUDITED_FIELDS),
    approvedAt: r.approvedAt,
    auditedAt: r.auditedAt,
    auditorId: r.auditorId,
    agrees: r.agrees === null ? null : Number(r.agrees) === 1,
    note: r.note,
  }));
}

export type RuleAuditOutcome =
  | { ok: true }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "refused"; message: string };

/** A reviewer's finding on a drawn rule approval, once, with its audit row. */
export async function recordRuleAudit(
  db: Db,
  input: { reference: string; auditorId: string; agrees: boolean; note: string },
  now = new Date(),
): Promise<RuleAuditOutcome> {
  return lockedTransaction(db, [`request:${input.reference}`], async (trx) => {
    const row = await trx
      .selectFrom("rule_audits")
      .innerJoin("requests", "requests.id", "rule_audits.request_id")
      .select(["rule_audits.request_id as id", "rule_audits.audited_at as auditedAt"])
      .where("requests.reference", "=", input.reference)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "not-found" };
    if (row.auditedAt)
      return {
        ok: false,
        reason: "refused",
        message: "This rule approval was already audited; a finding is recorded once.",
      };
    await trx
      .updateTable("rule_audits")
      .set({
        audited_at: now.toISOString(),
        auditor_id: input.auditorId,
        agrees: input.agrees ? 1 : 0,
        note: input.note,
      })
      .where("request_id", "=", row.id)
      .where("audited_at", "is", null)
      .execute();
    await recordAudit(
      trx,
      {
        actorId: input.auditorId,
        action: "request.rule-audited",
        requestReference: input.reference,
        detail: { agrees: input.agrees },
      },
      now,
    );
    return { ok: true };
  });
}
