import "server-only";
import { createHash, randomBytes } from "node:crypto";
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

/** Wrong passwords an unlock link takes before it is void: it never outlasts the pair's limit. */
export const UNLOCK_MAX_TRIES = THROTTLE.pair.maxFailures;

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Reserves a sign-in attempt before its password is checked: reads the account's and the
 * address's recent attempts and writes this one (pending, or throttled) in one transaction
 * locked on both, so attempts sent at once (to one instance or several) are counted one after
 * another and no more are checked than the rules allow. A throttled attempt is written too, but
 * never counted: refusals do not extend the throttle. The attempt's verified device id, and an
 * unlock link's token, are read in the same transaction: a link is counted as tried here.
 */
export async function reserveAttempt(
  db: Db,
  attempt: { accountKey: string; address: string; device?: string | null; unlockToken?: string },
  now = new Date(),
): Promise<{ id: number; decision: ThrottleDecision; unlock: string | null }> {
  const locks = [`sign-in:account:${attempt.accountKey}`, `sign-in:address:${attempt.address}`];
  return lockedTransaction(db, locks, async (trx) => {
    const accountAttempts = await trx
      .selectFrom("sign_in_attempts")
      .select(["at", "address", "outcome", "device"])
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
    const signedInBefore = (column: "address" | "device", value: string, days: number) =>
      trx
        .selectFrom("sign_in_attempts")
        .select("id")
        .where("account_key", "=", attempt.accountKey)
        .where(column, "=", value)
        .where("outcome", "=", "success")
        .where("at", ">=", ago(now, days * 24 * 60))
        .limit(1)
        .executeTakeFirst();
    const knownAddress = await signedInBefore(
      "address",
      attempt.address,
      THROTTLE.knownAddressDays,
    );
    const knownDevice = attempt.device
      ? await signedInBefore("device", attempt.device, THROTTLE.knownDeviceDays)
      : undefined;
    let unlock: string | null = null;
    if (attempt.unlockToken) {
      const hash = tokenHash(attempt.unlockToken);
      // Counted as tried before the password is checked, as the attempt itself is.
      const claimed = await trx
        .updateTable("sign_in_unlocks")
        .set((eb) => ({ failures: eb("failures", "+", 1) }))
        .where("token_sha256", "=", hash)
        .where("account_key", "=", attempt.accountKey)
        .where("used_at", "is", null)
        .where("expires_at", ">", now.toISOString())
        .where("failures", "<", UNLOCK_MAX_TRIES)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) unlock = hash;
    }
    const decision = throttleDecision(
      {
        address: attempt.address,
        accountAttempts,
        addressFailures,
        knownAddress: knownAddress !== undefined,
        knownDevice: knownDevice ? attempt.device : null,
        unlocked: unlock !== null,
      },
      now,
    );
    const { id } = await trx
      .insertInto("sign_in_attempts")
      .values({
        at: now.toISOString(),
        account_key: attempt.accountKey,
        address: attempt.address,
        device: attempt.device ?? null,
        outcome: decision.throttled ? "throttled" : "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: Number(id), decision, unlock };
  });
}

/**
 * Records how a reserved attempt ended, with its audit row, in one transaction. A success names
 * the device it set its cookie for, and spends the unlock link it came with.
 */
export async function settleAttempt(
  db: Db,
  id: number,
  outcome: Exclude<AttemptOutcome, "pending">,
  audit: AuditEvent,
  now = new Date(),
  success: { device?: string; unlock?: string | null } = {},
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable("sign_in_attempts")
      .set({ outcome, ...(success.device ? { device: success.device } : {}) })
      .where("id", "=", id)
      .execute();
    if (outcome === "success" && success.unlock)
      await trx
        .updateTable("sign_in_unlocks")
        .set({ used_at: now.toISOString() })
        .where("token_sha256", "=", success.unlock)
        .execute();
    await recordAudit(trx, audit, now);
  });
}

/**
 * An unlock link for the account of `email`, valid for `hours` and one sign-in, that lets a
 * browser past the account's growing delay (the password is still checked, and the pair's and
 * the address's limits still hold). Only its SHA-256 is stored.
 */
export async function issueUnlock(
  db: Db,
  input: { accountKey: string; createdBy: string; hours?: number },
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (input.hours ?? 24) * 3_600_000).toISOString();
  await db.kysely
    .insertInto("sign_in_unlocks")
    .values({
      token_sha256: tokenHash(token),
      account_key: input.accountKey,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}
