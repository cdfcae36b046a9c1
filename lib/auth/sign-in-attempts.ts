import "server-only";
import type { Db } from "@/lib/db/database";
import { lockedTransaction } from "@/lib/db/locked-transaction";
import { recordAudit, type AuditEvent } from "@/lib/audit/audit-log";
import {
  THROTTLE,
  throttleDecision,
  type AttemptOutcome,
  type ThrottleDecision,
} from "./throttle-policy";

const ago = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * Reserves a sign-in attempt before its password is checked: reads the account's and the
 * address's recent attempts and writes this one (pending, or throttled) in one transaction
 * locked on both, so attempts sent at once (to one instance or several) are counted one after
 * another and no more are checked than the rules allow. A throttled attempt is written too, but
 * never counted: refusals do not extend the throttle.
 */
export async function reserveAttempt(
  db: Db,
  attempt: { accountKey: string; address: string },
  now = new Date(),
): Promise<{ id: number; decision: ThrottleDecision }> {
  const locks = [`sign-in:account:${attempt.accountKey}`, `sign-in:address:${attempt.address}`];
  return lockedTransaction(db, locks, async (trx) => {
    const accountAttempts = await trx
      .selectFrom("sign_in_attempts")
      .select(["at", "address", "outcome"])
      .where("account_key", "=", attempt.accountKey)
      .where("at", ">=", ago(now, THROTTLE.account.windowMinutes))
      .where("outcome", "!=", "throttled")
      .execute();
    const addressFailures = await trx
      .selectFrom("sign_in_attempts")
      .select("at")
      .where("address", "=", attempt.address)
      .where("at", ">=", ago(now, THROTTLE.address.windowMinutes))
      .where("outcome", "in", ["pending", "failure"])
      .execute();
    const known = await trx
      .selectFrom("sign_in_attempts")
      .select("id")
      .where("account_key", "=", attempt.accountKey)
      .where("address", "=", attempt.address)
      .where("outcome", "=", "success")
      .where("at", ">=", ago(now, THROTTLE.knownAddressDays * 24 * 60))
      .limit(1)
      .executeTakeFirst();
    const decision = throttleDecision(
      {
        address: attempt.address,
        accountAttempts,
        addressFailures,
        knownAddress: known !== undefined,
      },
      now,
    );
    const { id } = await trx
      .insertInto("sign_in_attempts")
      .values({
        at: now.toISOString(),
        account_key: attempt.accountKey,
        address: attempt.address,
        outcome: decision.throttled ? "throttled" : "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: Number(id), decision };
  });
}

/** Records how a reserved attempt ended, with its audit row, in one transaction. */
export async function settleAttempt(
  db: Db,
  id: number,
  outcome: Exclude<AttemptOutcome, "pending">,
  audit: AuditEvent,
  now = new Date(),
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable("sign_in_attempts").set({ outcome }).where("id", "=", id).execute();
    await recordAudit(trx, audit, now);
  });
}
