import "server-only";
import type { Kysely, Selectable, Updateable } from "kysely";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import { lockedTransaction } from "@/lib/db/locked-transaction";
import type { Database, DecisionAction, RequestEventKind, RequestsTable } from "@/lib/db/schema";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import type { Answers } from "@/lib/policy/engine/types";
import { addAttachments, type NewAttachment } from "./attachment-store";
import { STATE_LABELS, takeStep, type Actor, type RequestState, type Step } from "./state-machine";
import { submittedBySystem } from "./submitter";
import { REVIEW_ACTION_CODES } from "./x12";

// Every change of a request is one locked transaction: read the request, ask the state machine,
// write the new state with the version moved on, the step's own rows and the audit row. A
// refused step, a stale version or someone else's request changes nothing.

export type StepOutcome =
  | { ok: true; status: RequestState; version: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict" }
  | { ok: false; reason: "refused"; message: string; status: RequestState };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface StepInput {
  reference: string;
  expectedVersion: number;
  actor: { role: Actor; id: string };
  step: Step;
}

type Row = Selectable<RequestsTable>;
type Write = (
  trx: Kysely<Database>,
  row: Row,
  to: RequestState,
) => Promise<{ set?: Updateable<RequestsTable>; audit: string; detail?: object }>;

async function takeRequestStep(
  db: Db,
  input: StepInput,
  now: Date,
  write: Write,
): Promise<StepOutcome> {
  return lockedTransaction(db, [`request:${input.reference}`], async (trx) => {
    const row = await trx
      .selectFrom("requests")
      .selectAll()
      .where("reference", "=", input.reference)
      .executeTakeFirst();
    // Another physician's request is answered exactly like one that does not exist.
    if (!row || (input.actor.role === "physician" && row.physician_id !== input.actor.id))
      return { ok: false, reason: "not-found" };
    const denial = await trx
      .selectFrom("decisions")
      .select(["reviewer_id", "decided_at"])
      .where("request_id", "=", row.id)
      .where("action", "=", "deny")
      .orderBy("id", "desc")
      .executeTakeFirst();
    const taken = takeStep(row.status, input.step, {
      now,
      actor: input.actor,
      urgency: row.urgency,
      extendedAt: row.extended_at,
      deniedAt: denial?.decided_at,
      deniedBy: denial?.reviewer_id,
      answerableHere: !submittedBySystem(row.physician_id),
    });
    // A step the current state refuses is reported as such even from a stale page: "it is
    // decided" says more than "someone changed it".
    if (!taken.ok)
      return { ok: false, reason: "refused", message: taken.reason, status: row.status };
    if (Number(row.version) !== input.expectedVersion) return { ok: false, reason: "conflict" };
    const written = await write(trx, row, taken.to);
    const version = input.expectedVersion + 1;
    const updated = await trx
      .updateTable("requests")
      .set({ ...(written.set ?? {}), status: taken.to, version })
      .where("id", "=", row.id)
      .where("version", "=", input.expectedVersion)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new Error("The request changed under its lock");
    await recordAudit(
      trx,
      {
        actorId: input.actor.id,
        action: written.audit,
        requestReference: input.reference,
        detail: { step: input.step, status: taken.to, ...(written.detail ?? {}) },
      },
      now,
    );
    return { ok: true, status: taken.to, version };
  });
}

async function addEvent(
  trx: Kysely<Database>,
  row: Row,
  kind: RequestEventKind,
  actorId: string,
  body: string,
  now: Date,
  detail: object = {},
) {
  const event = await trx
    .insertInto("request_events")
    .values({
      request_id: row.id,
      kind,
      actor_id: actorId,
      at: now.toISOString(),
      body,
      detail_json: JSON.stringify(detail),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return event.id;
}

/**
 * A reviewer's decision (X12 278 A1 approve, A3 deny, A4 request information). The first
 * approval or denial starts the metrics' clock-stop: decided_at and the time it took.
 */
export async function decideRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    action: DecisionAction;
    rationale: string;
    reviewerId: string;
    /** For A4: the gates, by title, that need documentation. */
    criteria?: readonly string[];
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    {
      reference: input.reference,
      expectedVersion: input.expectedVersion,
      actor: { role: "reviewer", id: input.reviewerId },
      step: input.action,
    },
    now,
    async (trx, row) => {
      const code = REVIEW_ACTION_CODES[input.action];
      await trx
        .insertInto("decisions")
        .values({
          request_id: row.id,
          action: input.action,
          review_action_code: code,
          rationale: input.rationale,
          reviewer_id: input.reviewerId,
          decided_at: now.toISOString(),
          criteria_json:
            input.action === "request-information" ? JSON.stringify(input.criteria ?? []) : null,
        })
        .execute();
      const first = input.action !== "request-information" && row.decided_at === null;
      return {
        set: first
          ? {
              decided_at: now.toISOString(),
              decision_ms: now.getTime() - new Date(row.submitted_at).getTime(),
            }
          : {},
        audit: "request.decided",
        detail: { action: input.action, reviewActionCode: code },
      };
    },
  );
}

/** The physician answers a request for more information: text, corrected answers, files. */
export async function replyToRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    physicianId: string;
    text: string;
    /** The corrected answers with the server's evaluation of them, when the physician changed any. */
    corrected?: { answers: Answers; evaluation: Evaluation };
    attachments: readonly NewAttachment[];
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    {
      reference: input.reference,
      expectedVersion: input.expectedVersion,
      actor: { role: "physician", id: input.physicianId },
      step: "reply",
    },
    now,
    async (trx, row) => {
      const corrected = input.corrected;
      // Both readings are kept: the one before the correction in the reply, the new one on the
      // request (what the queue and the pages show from now on).
      const eventId = await addEvent(trx, row, "reply", input.physicianId, input.text, now, {
        ...(corrected
          ? {
              corrected: true,
              before: { answers: JSON.parse(row.answers_json), determination: row.determination },
              after: {
                answers: corrected.answers,
                determination: corrected.evaluation.determination,
              },
            }
          : {}),
        attachments: input.attachments.length,
      });
      await addAttachments(trx, row.id, eventId, input.physicianId, input.attachments, now);
      return {
        set: corrected
          ? {
              answers_json: JSON.stringify(corrected.answers),
              evaluation_json: JSON.stringify(corrected.evaluation),
              determination: corrected.evaluation.determination,
            }
          : {},
        audit: "request.replied",
        detail: {
          corrected: Boolean(corrected),
          attachments: input.attachments.length,
          ...(corrected ? { determination: corrected.evaluation.determination } : {}),
        },
      };
    },
  );
}

/** The physician withdraws a request that is not decided yet. */
export async function withdrawRequest(
  db: Db,
  input: { reference: string; expectedVersion: number; physicianId: string; reason: string },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    { ...input, actor: { role: "physician", id: input.physicianId }, step: "withdraw" },
    now,
    async (trx, row) => {
      await addEvent(trx, row, "withdrawn", input.physicianId, input.reason, now);
      return { audit: "request.withdrawn" };
    },
  );
}

/** A reviewer extends a standard request's due time, once, by up to 14 days. */
export async function extendRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    reviewerId: string;
    days: number;
    reason: string;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    { ...input, actor: { role: "reviewer", id: input.reviewerId }, step: "extend" },
    now,
    async (trx, row) => {
      const due = new Date(new Date(row.due_at).getTime() + input.days * DAY).toISOString();
      await addEvent(trx, row, "extended", input.reviewerId, input.reason, now, {
        from: row.due_at,
        to: due,
        days: input.days,
      });
      return {
        set: { due_at: due, extended_at: now.toISOString(), extension_reason: input.reason },
        audit: "request.extended",
        detail: { days: input.days },
      };
    },
  );
}

/** The physician appeals a denial: a new case in the queue, due in 30 days (expedited 72 hours). */
export async function appealRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    physicianId: string;
    reason: string;
    attachments: readonly NewAttachment[];
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    { ...input, actor: { role: "physician", id: input.physicianId }, step: "appeal" },
    now,
    async (trx, row) => {
      const eventId = await addEvent(trx, row, "appealed", input.physicianId, input.reason, now, {
        attachments: input.attachments.length,
      });
      await addAttachments(trx, row.id, eventId, input.physicianId, input.attachments, now);
      const due = now.getTime() + (row.urgency === "expedited" ? 72 * HOUR : 30 * DAY);
      return {
        set: { appealed_at: now.toISOString(), due_at: new Date(due).toISOString() },
        audit: "request.appealed",
        detail: { attachments: input.attachments.length },
      };
    },
  );
}

/** A reviewer other than the one who denied upholds or overturns the appeal. */
export async function decideAppeal(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    reviewerId: string;
    outcome: "uphold" | "overturn";
    rationale: string;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    { ...input, actor: { role: "reviewer", id: input.reviewerId }, step: input.outcome },
    now,
    async (trx, row, to) => {
      await addEvent(
        trx,
        row,
        to === "appeal-overturned" ? "appeal-overturned" : "appeal-upheld",
        input.reviewerId,
        input.rationale,
        now,
      );
      return {
        set: { appeal_decided_at: now.toISOString() },
        audit: "request.appeal-decided",
        detail: { outcome: input.outcome },
      };
    },
  );
}

const DECIDED: readonly RequestState[] = [
  "approved",
  "denied",
  "appeal-upheld",
  "appeal-overturned",
];

/** What a form or the API says when a step changed nothing. */
export function refusalMessage(outcome: Exclude<StepOutcome, { ok: true }>): string {
  if (outcome.reason === "not-found") return "This request does not exist.";
  if (outcome.reason === "conflict")
    return "Someone else changed this request while you were reading it. Nothing was saved: reload the page to see what changed.";
  if (DECIDED.includes(outcome.status))
    return `This request has already been decided (${STATE_LABELS[outcome.status].toLowerCase()}), and a decision is final. Nothing was saved: reload the page to see the decision.`;
  return `${outcome.message} Nothing was saved.`;
}
