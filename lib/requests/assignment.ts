import "server-only";
import { recordAudit } from "@/lib/audit/audit-log";
import { reviewStaff } from "@/lib/auth/people";
import { REVIEW_ROLES } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import { lockedTransaction } from "@/lib/db/locked-transaction";
import { isUndecided } from "@/lib/request-model/state-machine";
import type { StepActor } from "./transitions";

export type AssignOutcome =
  | { ok: true; assignedTo: string | null }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "refused"; message: string };

/**
 * Assigns an open case to a reviewer or a medical director (or to nobody), with its audit row.
 * Not a step of the state machine: the request's state and version stay as they are, so a
 * decision being written from a page read before is not refused because of it.
 */
export async function assignRequest(
  db: Db,
  input: { reference: string; by: StepActor; assignee: string | null },
  now = new Date(),
): Promise<AssignOutcome> {
  if (!REVIEW_ROLES.includes(input.by.role))
    return {
      ok: false,
      reason: "refused",
      message: "Only a reviewer or a medical director assigns cases.",
    };
  if (input.assignee !== null && !(await reviewStaff(db)).some((p) => p.id === input.assignee))
    return {
      ok: false,
      reason: "refused",
      message: "A case is assigned to a reviewer or a medical director; that account is neither.",
    };
  return lockedTransaction(db, [`request:${input.reference}`], async (trx) => {
    const row = await trx
      .selectFrom("requests")
      .select(["id", "status", "assigned_to"])
      .where("reference", "=", input.reference)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "not-found" };
    if (!isUndecided(row.status))
      return {
        ok: false,
        reason: "refused",
        message: "This request is decided or withdrawn: there is nothing left to assign.",
      };
    await trx
      .updateTable("requests")
      .set({ assigned_to: input.assignee })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(
      trx,
      {
        actorId: input.by.id,
        action: "request.assigned",
        requestReference: input.reference,
        detail: { to: input.assignee, from: row.assigned_to },
      },
      now,
    );
    return { ok: true, assignedTo: input.assignee };
  });
}
