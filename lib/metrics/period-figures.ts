import "server-only";
import { sql, type Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import { readSnapshot } from "@/lib/db/read-snapshot";
import type { Database } from "@/lib/db/schema";
import type { Urgency } from "@/lib/request-model/vocabulary";
import { URGENCIES } from "./definitions";
import type { Period } from "./period";
import type { DayFigures, PeriodData } from "./report";

/**
 * A period's figures: its rows of the daily summary (kept by triggers, migration 0011) and each
 * urgency's median decision time, read on one snapshot so the median's rank and the rows agree.
 */
export async function periodFigures(db: Db, period: Period): Promise<PeriodData> {
  return readSnapshot(db, async (trx) => {
    const rows = await trx
      .selectFrom("metrics_daily")
      .selectAll()
      .where("day", ">=", period.from)
      .where("day", "<", period.to)
      .orderBy("day")
      .orderBy("urgency")
      .execute();
    const days: DayFigures[] = rows.map((r) => ({
      day: r.day,
      urgency: r.urgency,
      decided: Number(r.decided),
      approved: Number(r.approved),
      denied: Number(r.denied),
      approvedOnAppeal: Number(r.approved_on_appeal),
      extended: Number(r.extended),
      extendedApproved: Number(r.extended_approved),
      approvedByRule: Number(r.approved_by_rule),
      withinClock: Number(r.within_clock),
      decisionMsTotal: Number(r.decision_ms_total),
    }));
    const medianMs = {} as Record<Urgency, number | null>;
    for (const urgency of URGENCIES) {
      const decided = days.filter((d) => d.urgency === urgency).reduce((n, d) => n + d.decided, 0);
      medianMs[urgency] = await median(trx, period, urgency, decided);
    }
    return { period, days, medianMs };
  });
}

const HOUR = 3_600_000;

/**
 * The middle of a period's decision times (the mean of the two middle ones for an even number).
 * A calendar year finds the hour the middle falls in from the hours summary, then walks the index
 * on (urgency, year of decided_at, decision_ms) from that hour's start: a few thousand entries
 * instead of half the year. Other periods sort their `count` rows.
 */
async function median(
  trx: Kysely<Database>,
  period: Period,
  urgency: Urgency,
  count: number,
): Promise<number | null> {
  let query = trx
    .selectFrom("requests")
    .select("decision_ms")
    .where("urgency", "=", urgency)
    .where("decided_at", "is not", null)
    .where("decision_ms", "is not", null);
  let n = count;
  let skip = 0;
  if (period.kind === "year") {
    const year = String(period.year);
    query = query.where(sql<string>`substr(decided_at, 1, 4)`, "=", year);
    const hours = await trx
      .selectFrom("metrics_decision_hours")
      .select(["hour", "decided"])
      .where("year", "=", year)
      .where("urgency", "=", urgency)
      .where("decided", ">", 0)
      .orderBy("hour")
      .execute();
    n = hours.reduce((sum, h) => sum + Number(h.decided), 0);
    const middle = Math.floor((n - 1) / 2);
    for (const h of hours) {
      if (skip + Number(h.decided) > middle) {
        if (h.hour >= 0) query = query.where("decision_ms", ">=", Number(h.hour) * HOUR);
        break;
      }
      skip += Number(h.decided);
    }
  } else {
    query = query.where("decided_at", ">=", period.from).where("decided_at", "<", period.to);
  }
  if (n === 0) return null;
  const middle = await query
    .orderBy("decision_ms")
    .limit(n % 2 === 0 ? 2 : 1)
    .offset(Math.floor((n - 1) / 2) - skip)
    .execute();
  const values = middle.map((r) => Number(r.decision_ms));
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** The calendar years in which any request was decided, oldest first. */
export async function yearsWithDecisions(db: Db): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("metrics_daily")
    .select(sql<string>`substr(day, 1, 4)`.as("year"))
    .distinct()
    .where("decided", ">", 0)
    .orderBy("year")
    .execute();
  return rows.map((r) => Number(r.year));
}
