import "server-only";
import type { Db } from "@/lib/db/database";
import { readSnapshot } from "@/lib/db/read-snapshot";
import { peopleByIds } from "@/lib/auth/people";
import type { RequestState } from "@/lib/request-model/state-machine";
import { weekStart } from "./period";

// The reviewer dashboard's own figures: the queue as it stands and who decided what this week.
// No patient field is read.

/** The states a case waits in, for a reviewer, a medical director or the physician, with its clock running. */
export const OPEN_STATES = [
  "pending",
  "more-information",
  "information-received",
  "awaiting-medical-director",
  "appealed",
] as const satisfies readonly RequestState[];

export interface ReviewerWeek {
  name: string;
  approved: number;
  denied: number;
  appealsDecided: number;
  /** Decisions only: approvals, denials and decided appeals. */
  decisions: number;
  /** Steps that are not decisions. */
  informationRequested: number;
  denialsRecommended: number;
}

export interface QueueNow {
  open: Record<(typeof OPEN_STATES)[number], number>;
  /** Open cases due later today (UTC), not yet overdue. */
  dueToday: number;
  overdue: number;
  /** Monday 00:00 UTC of this week. */
  weekFrom: string;
  reviewers: ReviewerWeek[];
}

const DAY = 86_400_000;

export async function queueNow(db: Db, now: Date): Promise<QueueNow> {
  const at = now.toISOString();
  const endOfDay = new Date(Date.parse(at.slice(0, 10)) + DAY).toISOString();
  const weekFrom = weekStart(now).toISOString();
  const { byState, due, decisions, events } = await readSnapshot(db, async (trx) => {
    const open = trx.selectFrom("requests").where("status", "in", OPEN_STATES);
    const byState = await open
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    const due = await open
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when("due_at", "<", at).then(1).else(0).end()).as("overdue"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb("due_at", ">=", at), eb("due_at", "<", endOfDay)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("today"),
      ])
      .where("due_at", "<", endOfDay)
      .executeTakeFirst();
    const decisions = await trx
      .selectFrom("decisions")
      .select((eb) => ["reviewer_id", "action", eb.fn.countAll<number>().as("n")])
      .where("decided_at", ">=", weekFrom)
      .where("decided_at", "<=", at)
      .groupBy(["reviewer_id", "action"])
      .execute();
    const events = await trx
      .selectFrom("request_events")
      .select((eb) => ["actor_id", "kind", eb.fn.countAll<number>().as("n")])
      .where("kind", "in", ["appeal-upheld", "appeal-overturned", "denial-recommended"])
      .where("at", ">=", weekFrom)
      .where("at", "<=", at)
      .groupBy(["actor_id", "kind"])
      .execute();
    return { byState, due, decisions, events };
  });

  const open = Object.fromEntries(OPEN_STATES.map((s) => [s, 0])) as QueueNow["open"];
  for (const row of byState) open[row.status as keyof QueueNow["open"]] = Number(row.n);

  const weeks = new Map<string, Omit<ReviewerWeek, "name" | "decisions">>();
  const of = (id: string) => {
    if (!weeks.has(id))
      weeks.set(id, {
        approved: 0,
        denied: 0,
        appealsDecided: 0,
        informationRequested: 0,
        denialsRecommended: 0,
      });
    return weeks.get(id)!;
  };
  for (const d of decisions) {
    const week = of(d.reviewer_id);
    const n = Number(d.n);
    if (d.action === "approve") week.approved += n;
    else if (d.action === "deny") week.denied += n;
    else week.informationRequested += n;
  }
  for (const e of events) {
    const week = of(e.actor_id);
    if (e.kind === "denial-recommended") week.denialsRecommended += Number(e.n);
    else week.appealsDecided += Number(e.n);
  }
  const people = await peopleByIds(db, weeks.keys());
  const reviewers = [...weeks]
    .map(([id, w]) => ({
      name: people.get(id)?.name ?? "unknown user",
      ...w,
      decisions: w.approved + w.denied + w.appealsDecided,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));

  return {
    open,
    dueToday: Number(due?.today ?? 0),
    overdue: Number(due?.overdue ?? 0),
    weekFrom,
    reviewers,
  };
}
