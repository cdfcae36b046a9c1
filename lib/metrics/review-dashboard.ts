import "server-only";
import type { Db } from "@/lib/db/database";
import { readSnapshot } from "@/lib/db/read-snapshot";
import { peopleByIds } from "@/lib/auth/people";
import type { RequestState } from "@/lib/requests/state-machine";

// The reviewer dashboard's own figures: the queue as it stands and who decided what this week.
// No patient field is read.

/** The states a case waits in, for a reviewer or for the physician, with its clock running. */
export const OPEN_STATES = [
  "pending",
  "more-information",
  "information-received",
  "appealed",
] as const satisfies readonly RequestState[];

export interface ReviewerWeek {
  name: string;
  approved: number;
  denied: number;
  informationRequested: number;
  appealsDecided: number;
  total: number;
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

/** Monday 00:00 UTC of the week `now` is in. */
export function weekStart(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - ((now.getUTCDay() + 6) % 7) * DAY);
}

export async function queueNow(db: Db, now: Date): Promise<QueueNow> {
  const at = now.toISOString();
  const endOfDay = new Date(Date.parse(at.slice(0, 10)) + DAY).toISOString();
  const weekFrom = weekStart(now).toISOString();
  const { byState, due, decisions, appeals } = await readSnapshot(db, async (trx) => {
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
    const appeals = await trx
      .selectFrom("request_events")
      .select((eb) => ["actor_id", eb.fn.countAll<number>().as("n")])
      .where("kind", "in", ["appeal-upheld", "appeal-overturned"])
      .where("at", ">=", weekFrom)
      .where("at", "<=", at)
      .groupBy("actor_id")
      .execute();
    return { byState, due, decisions, appeals };
  });

  const open = Object.fromEntries(OPEN_STATES.map((s) => [s, 0])) as QueueNow["open"];
  for (const row of byState) open[row.status as keyof QueueNow["open"]] = Number(row.n);

  const weeks = new Map<string, Omit<ReviewerWeek, "name" | "total">>();
  const of = (id: string) => {
    if (!weeks.has(id))
      weeks.set(id, { approved: 0, denied: 0, informationRequested: 0, appealsDecided: 0 });
    return weeks.get(id)!;
  };
  for (const d of decisions) {
    const week = of(d.reviewer_id);
    const n = Number(d.n);
    if (d.action === "approve") week.approved += n;
    else if (d.action === "deny") week.denied += n;
    else week.informationRequested += n;
  }
  for (const a of appeals) of(a.actor_id).appealsDecided += Number(a.n);
  const people = await peopleByIds(db, weeks.keys());
  const reviewers = [...weeks]
    .map(([id, w]) => ({
      name: people.get(id)?.name ?? "unknown user",
      ...w,
      total: w.approved + w.denied + w.informationRequested + w.appealsDecided,
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
