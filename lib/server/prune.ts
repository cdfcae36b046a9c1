import "server-only";
import { sql, type RawBuilder } from "kysely";
import { THROTTLE } from "@/lib/auth/throttle-policy";
import { NO_ANSWERS, NO_PREFILL_JSON } from "@/lib/cds-hooks/launches";
import { logger } from "@/lib/log/logger";
import type { Db } from "@/lib/db/database";

// Rows that no rule reads any more, deleted in batches by a job the server starts with its
// database (lib/server/app-context.ts) and by `npm run db:prune`. Each retention is the longest
// time anything reads the row, with a margin; the README's "Retention" lists them.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The longest window any sign-in throttle rule reads failures over, in milliseconds. */
const LONGEST_FAILURE_WINDOW =
  Math.max(
    THROTTLE.pair.windowMinutes,
    THROTTLE.account.windowMinutes,
    THROTTLE.address.windowMinutes,
  ) * 60_000;

export const RETENTION = {
  /** Failed, throttled and unsettled sign-in attempts: an hour past the longest throttle window. */
  signInFailures: LONGEST_FAILURE_WINDOW + HOUR,
  /** Successful sign-ins: the known-address and known-device rules read 30 days of them. */
  signInSuccesses: THROTTLE.knownAddressDays * DAY,
  /** Idempotency keys: a retry comes within minutes; a day is kept. */
  idempotencyKeys: DAY,
  /** CRD launches and unlock links: a day after they were spent or expired, so pages can say which. */
  spentLinks: DAY,
  /**
   * A Subscription's delivered notifications: nothing reads one once it was answered (the counter
   * is on the subscription, the delivery in the audit trail); a day is kept.
   */
  deliveredNotifications: DAY,
} as const;

/** Rows per DELETE: small enough that no writer waits long behind one. */
export const PRUNE_BATCH = 1000;

export type PruneReport = Record<string, number>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Deletes every row that no rule reads any more, `batch` rows per statement, and drops the
 * answers of CRD launches that expired unopened. Returns how many rows each table lost.
 */
export async function prune(db: Db, now = new Date(), batch = PRUNE_BATCH): Promise<PruneReport> {
  const t = now.getTime();
  const failuresBefore = iso(t - RETENTION.signInFailures);
  const successesBefore = iso(t - RETENTION.signInSuccesses);
  const spentBefore = iso(t - RETENTION.spentLinks);
  const nowIso = now.toISOString();

  // An expired launch keeps no answers, opened or not (lib/cds-hooks/launches.ts).
  await db.kysely
    .updateTable("crd_launches")
    .set({ answers_json: NO_ANSWERS, prefill_json: NO_PREFILL_JSON })
    .where("expires_at", "<=", nowIso)
    .where((eb) =>
      eb.or([eb("answers_json", "!=", NO_ANSWERS), eb("prefill_json", "!=", NO_PREFILL_JSON)]),
    )
    .execute();

  const tasks: [string, string, RawBuilder<unknown>][] = [
    [
      "sign_in_attempts (failed)",
      "sign_in_attempts",
      sql`outcome <> 'success' AND at < ${failuresBefore}`,
    ],
    [
      "sign_in_attempts (succeeded)",
      "sign_in_attempts",
      sql`outcome = 'success' AND at < ${successesBefore}`,
    ],
    [
      "idempotency_keys",
      "idempotency_keys",
      sql`created_at < ${iso(t - RETENTION.idempotencyKeys)}`,
    ],
    ["smart_jtis", "smart_jtis", sql`expires_at < ${nowIso}`],
    ["smart_access_tokens", "smart_access_tokens", sql`expires_at < ${nowIso}`],
    [
      "crd_launches",
      "crd_launches",
      sql`(spent_at IS NOT NULL AND spent_at < ${spentBefore}) OR expires_at < ${spentBefore}`,
    ],
    [
      "sign_in_unlocks",
      "sign_in_unlocks",
      sql`(used_at IS NOT NULL AND used_at < ${spentBefore}) OR expires_at < ${spentBefore}`,
    ],
    [
      "subscription_events (delivered)",
      "subscription_events",
      sql`delivered_at IS NOT NULL AND delivered_at < ${iso(t - RETENTION.deliveredNotifications)}`,
    ],
  ];
  const report: PruneReport = {};
  for (const [name, table, condition] of tasks)
    report[name] = await deleteInBatches(db, table, condition, batch);
  return report;
}

async function deleteInBatches(
  db: Db,
  table: string,
  condition: RawBuilder<unknown>,
  batch: number,
): Promise<number> {
  // A row's physical address: no table here needs a key of its own to be pruned by.
  const row = sql.raw(db.engine === "sqlite" ? "rowid" : "ctid");
  let total = 0;
  for (;;) {
    const result =
      await sql`DELETE FROM ${sql.table(table)} WHERE ${row} IN (SELECT ${row} FROM ${sql.table(table)} WHERE ${condition} LIMIT ${batch})`.execute(
        db.kysely,
      );
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** How often the server prunes, and how soon after it opens its database. */
export const PRUNE_EVERY_MS = 10 * 60_000;
const FIRST_PRUNE_MS = 30_000;

let started = false;

/**
 * Prunes now and then while the process lives, on timers that never keep it alive. Once per
 * process; several instances on one database may prune at once (a row is deleted once).
 */
export function startPruning(db: Db): void {
  if (started) return;
  started = true;
  const run = () => {
    prune(db)
      .then((report) => {
        const deleted = Object.values(report).reduce((a, b) => a + b, 0);
        if (deleted) logger.info({ event: "db.pruned", ...report }, "pruned rows no rule reads");
      })
      .catch((error: unknown) =>
        logger.warn({ event: "db.prune-failed", error: (error as Error).name }, "pruning failed"),
      );
  };
  setTimeout(run, FIRST_PRUNE_MS).unref();
  setInterval(run, PRUNE_EVERY_MS).unref();
}
