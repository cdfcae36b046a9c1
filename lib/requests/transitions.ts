import "server-only";
import { canRead } from "@/lib/request-model/access";
import type { Kysely, Selectable, Updateable } from "kysely";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Role } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import { lockedTransaction } from "@/lib/db/locked-transaction";
import type { Database, RequestsTable } from "@/lib/db/schema";
import type { DecisionAction, RequestEventKind } from "@/lib/request-model/vocabulary";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { pasResponseChanges } from "@/lib/pas/claim-response";
import { queueNotifications } from "@/lib/subscriptions/store";
import { wakeDeliveries } from "@/lib/subscriptions/worker";
import { addAttachments, type NewAttachment } from "./attachment-store";
import { authorizationGrant, type AuthorizationTerms } from "./authorization";
import { appealDue } from "@/lib/request-model/due";
import { issueAuthorization } from "./authorization-store";
import { addPendItems } from "./pend-items";
import { whereLatestDenial } from "./where-latest-denial";
import { eventDetailToJson, type EventDetail } from "./event-detail";
import { answersToJson, storedAnswers } from "./stored-answers";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";
import {
  STATE_LABELS,
  takeStep,
  type RequestState,
  type Step,
} from "@/lib/request-model/state-machine";
import { REVIEW_ACTION_CODES } from "@/lib/request-model/x12";

// Every change of a request is one locked transaction: read the request, ask the state machine,
// write the new state with the version moved on, the step's own rows and the audit row. A
// refused step, a stale version, a wrong field or someone else's request changes nothing and
// writes no audit row. A step that changes the request's PAS response queues, in the same
// transaction, one notification for each subscription told of it (lib/subscriptions): every
// change of state goes through here, so none is missed.

export type StepOutcome =
  | { ok: true; status: RequestState; version: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict" }
  | { ok: false; reason: "refused"; message: string; status: RequestState }
  | { ok: false; reason: "invalid"; issues: FieldIssue[] };

/** A step refused outright: what `refusalMessage` words. */
export type StepRefusal = Exclude<StepOutcome, { ok: true } | { reason: "invalid" }>;

/** Who takes a step: their account's id, role and (a medical director's) specialty. */
export interface StepActor {
  id: string;
  role: Role;
  specialty?: string | null;
}

/** The policy version a request is judged under: its readings' tones, its service's CPT codes. */
export type RequestPolicy = Pick<PolicyRules, "id" | "determinations" | "questions" | "meta">;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface StepInput {
  reference: string;
  /**
   * The version the actor read; null for a system's message that read no page (CDex): it is
   * taken on whatever version the request has under its lock.
   */
  expectedVersion: number | null;
  actor: StepActor;
  step: Step;
  /** Needed where the reading decides who may act (an approval) or what is authorized. */
  policy?: RequestPolicy;
}

type Row = Selectable<RequestsTable>;
/** `stay`: the step's rows are written but the request keeps its state (a part of a reply). */
type Written = {
  set?: Updateable<RequestsTable>;
  audit: string;
  detail?: object;
  stay?: boolean;
};
/** A step's own rows; `invalid` (checked before anything is written) refuses the step. */
type Write = (
  trx: Kysely<Database>,
  row: Row,
  to: RequestState,
) => Promise<Written | { invalid: FieldIssue[] }>;

async function takeRequestStep(
  db: Db,
  input: StepInput,
  now: Date,
  write: Write,
): Promise<StepOutcome> {
  const queued = { notifications: 0 };
  const outcome = await lockedStep(db, input, now, write, queued);
  // After the commit: this process's outbox worker sends them at once.
  if (queued.notifications > 0) wakeDeliveries();
  return outcome;
}

async function lockedStep(
  db: Db,
  input: StepInput,
  now: Date,
  write: Write,
  queued: { notifications: number },
): Promise<StepOutcome> {
  return lockedTransaction(db, [`request:${input.reference}`], async (trx) => {
    const row = await trx
      .selectFrom("requests")
      .selectAll()
      .where("reference", "=", input.reference)
      .executeTakeFirst();
    // Another physician's request is answered exactly like one that does not exist.
    if (!row || !canRead(input.actor, { physicianId: row.physician_id }))
      return { ok: false, reason: "not-found" };
    if (input.policy && input.policy.id !== row.policy_id)
      throw new Error(
        `${input.reference} is judged under ${row.policy_id}, not ${input.policy.id}`,
      );
    const denial = await whereLatestDenial(trx.selectFrom("decisions"))
      .select(["decisions.reviewer_id", "decisions.decided_at"])
      .where("decisions.request_id", "=", row.id)
      .executeTakeFirst();
    const taken = takeStep(row.status, input.step, {
      now,
      actor: input.actor,
      urgency: row.urgency,
      extendedAt: row.extended_at,
      deniedAt: denial?.decided_at,
      deniedBy: denial?.reviewer_id,
      reading: input.policy?.determinations.find((d) => d.value === row.determination)?.tone,
      appealSpecialties: reviewSettingsOf(row.policy_id).appealSpecialties,
    });
    // A step the current state refuses is reported as such even from a stale page: "it is
    // decided" says more than "someone changed it".
    if (!taken.ok)
      return { ok: false, reason: "refused", message: taken.reason, status: row.status };
    const read = input.expectedVersion ?? Number(row.version);
    if (Number(row.version) !== read) return { ok: false, reason: "conflict" };
    const written = await write(trx, row, taken.to);
    if ("invalid" in written) return { ok: false, reason: "invalid", issues: written.invalid };
    const version = read + 1;
    const to = written.stay ? row.status : taken.to;
    const updated = await trx
      .updateTable("requests")
      .set({ ...(written.set ?? {}), status: to, version })
      .where("id", "=", row.id)
      .where("version", "=", read)
      .returning("id")
      .executeTakeFirst();
    if (!updated) throw new Error("The request changed under its lock");
    if (pasResponseChanges(row.status, taken.to))
      queued.notifications = await queueNotifications(db, trx, row.reference, row.npi, now);
    await recordAudit(
      trx,
      {
        actorId: input.actor.id,
        action: written.audit,
        requestReference: input.reference,
        detail: { step: input.step, status: to, ...(written.detail ?? {}) },
      },
      now,
    );
    return { ok: true, status: to, version };
  });
}

async function addEvent(
  trx: Kysely<Database>,
  row: Row,
  kind: RequestEventKind,
  actorId: string,
  body: string,
  now: Date,
  detail: EventDetail = {},
) {
  const event = await trx
    .insertInto("request_events")
    .values({
      request_id: row.id,
      kind,
      actor_id: actorId,
      at: now.toISOString(),
      body,
      detail_json: eventDetailToJson(detail),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return event.id;
}

/** The answers read again, when the physician corrected them (a reply, an appeal). */
export interface CorrectedAnswers {
  answers: Answers;
  evaluation: Evaluation;
}

/**
 * Both readings of a correction: the one before in the message, the new one on the request
 * (what the queue and the pages show from now on).
 */
function correction(row: Row, corrected: CorrectedAnswers | undefined) {
  if (!corrected) return { detail: {}, set: {} };
  return {
    detail: {
      corrected: true,
      before: {
        answers: storedAnswers(row.reference, row.answers_json),
        determination: row.determination,
      },
      after: { answers: corrected.answers, determination: corrected.evaluation.determination },
    },
    set: {
      answers_json: answersToJson(corrected.answers),
      evaluation_json: JSON.stringify(corrected.evaluation),
      determination: corrected.evaluation.determination,
    },
  };
}

/** The first approval or denial starts the metrics' clock-stop: decided_at and the time it took. */
const firstDecision = (row: Row, now: Date): Updateable<RequestsTable> =>
  row.decided_at === null
    ? {
        decided_at: now.toISOString(),
        decision_ms: now.getTime() - new Date(row.submitted_at).getTime(),
      }
    : {};

/** An approval's grant, read from the request as it stands inside the step's transaction. */
const grantFor = (policy: RequestPolicy, row: Row, terms: AuthorizationTerms | undefined) =>
  authorizationGrant(
    policy,
    {
      serviceDate: row.service_date,
      answers: storedAnswers(row.reference, row.answers_json, policy),
    },
    terms,
  );

const AUDIT_OF_DECISION: Record<DecisionAction, string> = {
  approve: "request.approved",
  deny: "request.denied",
  "request-information": "request.information-requested",
};

/**
 * A reviewer's or a medical director's decision (X12 278 A1 approve, A3 deny, A4 request
 * information), as the state machine allows it to this actor on this reading. An approval
 * records what it authorizes: the terms the decider set, the policy's defaults otherwise.
 */
export async function decideRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    action: DecisionAction;
    rationale: string;
    actor: StepActor;
    policy: RequestPolicy;
    /** For A4: the gates, by title, that need documentation. */
    criteria?: readonly string[];
    /**
     * For A4 on a PAS request: what the EHR is to send for each criterion (LOINC), in order; each
     * becomes a pend item with its attachment control number.
     */
    documents?: readonly string[];
    /** For an approval: the end date and units, if the decider set them. */
    authorization?: AuthorizationTerms;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    {
      reference: input.reference,
      expectedVersion: input.expectedVersion,
      actor: input.actor,
      step: input.action,
      policy: input.policy,
    },
    now,
    async (trx, row) => {
      const grant =
        input.action === "approve" ? grantFor(input.policy, row, input.authorization) : undefined;
      if (grant && !grant.ok) return { invalid: grant.issues };
      const asked = await pendItemsOrigin(trx, row, input);
      if (asked && "invalid" in asked) return asked;
      const code = REVIEW_ACTION_CODES[input.action];
      const decision = await trx
        .insertInto("decisions")
        .values({
          request_id: row.id,
          action: input.action,
          review_action_code: code,
          rationale: input.rationale,
          reviewer_id: input.actor.id,
          decided_at: now.toISOString(),
          criteria_json:
            input.action === "request-information" ? JSON.stringify(input.criteria ?? []) : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (asked)
        await addPendItems(
          trx,
          {
            requestId: row.id,
            decisionId: decision.id,
            clientId: asked.clientId,
            criteria: input.criteria ?? [],
            documents: asked.documents,
            question: input.rationale,
          },
          now,
        );
      const authorization = grant?.ok
        ? await issueAuthorization(trx, row.id, grant.grant, input.actor.id, now)
        : undefined;
      return {
        set: input.action === "request-information" ? {} : firstDecision(row, now),
        audit: AUDIT_OF_DECISION[input.action],
        detail: {
          action: input.action,
          reviewActionCode: code,
          ...(authorization ? { authorization: authorization.number } : {}),
        },
      };
    },
  );
}

/** The client a PAS request's pend items are for, checked before anything is written. */
async function pendItemsOrigin(
  trx: Kysely<Database>,
  row: Row,
  input: { action: DecisionAction; documents?: readonly string[] },
): Promise<{ clientId: string; documents: readonly string[] } | { invalid: FieldIssue[] } | null> {
  if (input.action !== "request-information" || !input.documents) return null;
  const origin = await trx
    .selectFrom("pas_submissions")
    .select("client_id")
    .where("reference", "=", row.reference)
    .executeTakeFirst();
  return origin
    ? { clientId: origin.client_id, documents: input.documents }
    : { invalid: [{ path: "documents", message: "this request did not come over PAS" }] };
}

/**
 * A reviewer recommends a denial with a drafted rationale: the case waits for a medical
 * director, who denies, approves or asks for more information.
 */
export async function recommendDenial(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    rationale: string;
    actor: StepActor;
    policy: RequestPolicy;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(db, { ...input, step: "recommend-denial" }, now, async (trx, row) => {
    await addEvent(trx, row, "denial-recommended", input.actor.id, input.rationale, now);
    return { audit: "request.denial-recommended" };
  });
}

/** The physician answers a request for more information: text, corrected answers, files. */
export async function replyToRequest(
  db: Db,
  input: {
    reference: string;
    /** Null for an EHR's CDex submission: it read no page, and parts may come at once. */
    expectedVersion: number | null;
    physicianId: string;
    text: string;
    /** The corrected answers with the server's evaluation of them, when the physician changed any. */
    corrected?: CorrectedAnswers;
    /** A corrected planned date of service (a past one only as a retrospective request). */
    serviceDate?: { date: string; retrospective: boolean };
    attachments: readonly NewAttachment[];
    /**
     * For a reply an EHR sends in parts (CDex $submit-attachment, one per pend item): run in the
     * step's transaction before anything is written, it says whether this part completes the
     * reply, or (null) that the part is no longer awaited, and nothing is written. When it does
     * not complete it, the
     * part is stored and the request stays waiting for the rest.
     */
    completes?: (trx: Kysely<Database>, row: Row) => Promise<boolean | null>;
    /** What the audit row says besides the step (the client that sent it). */
    auditDetail?: object;
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
      const complete = input.completes ? await input.completes(trx, row) : true;
      if (complete === null)
        return { invalid: [{ path: "TrackingId", message: "is no longer awaited" }] };
      const corrected = correction(row, input.corrected);
      // Both dates are kept: the one before in the reply, the new one on the request.
      const date =
        input.serviceDate && input.serviceDate.date !== row.service_date
          ? input.serviceDate
          : undefined;
      const eventId = await addEvent(trx, row, "reply", input.physicianId, input.text, now, {
        ...corrected.detail,
        ...(date
          ? {
              serviceDate: {
                from: row.service_date,
                to: date.date,
                ...(date.retrospective ? { retrospective: true } : {}),
              },
            }
          : {}),
        attachments: input.attachments.length,
      });
      await addAttachments(trx, row.id, eventId, input.physicianId, input.attachments, now);
      return {
        set: {
          ...corrected.set,
          ...(date ? { service_date: date.date, retrospective: date.retrospective ? 1 : 0 } : {}),
        },
        stay: !complete,
        audit: complete ? "request.replied" : "request.information-added",
        detail: {
          ...(input.auditDetail ?? {}),
          corrected: Boolean(input.corrected),
          attachments: input.attachments.length,
          ...(input.corrected ? { determination: input.corrected.evaluation.determination } : {}),
          ...(date ? { serviceDateCorrected: true } : {}),
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
    actor: StepActor;
    days: number;
    reason: string;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(db, { ...input, step: "extend" }, now, async (trx, row) => {
    const due = new Date(new Date(row.due_at).getTime() + input.days * DAY).toISOString();
    await addEvent(trx, row, "extended", input.actor.id, input.reason, now, {
      from: row.due_at,
      to: due,
      days: input.days,
    });
    return {
      set: { due_at: due, extended_at: now.toISOString(), extension_reason: input.reason },
      audit: "request.extended",
      detail: { days: input.days },
    };
  });
}

/**
 * The physician appeals a denial, with corrected answers if any (read again, both readings kept):
 * a new case in the queue, due in 30 days, or 72 hours for an expedited request or appeal.
 */
export async function appealRequest(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    physicianId: string;
    reason: string;
    attachments: readonly NewAttachment[];
    corrected?: CorrectedAnswers;
    /** The physician asks for an expedited appeal (72 hours). */
    expedited?: boolean;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(
    db,
    { ...input, actor: { role: "physician", id: input.physicianId }, step: "appeal" },
    now,
    async (trx, row) => {
      const corrected = correction(row, input.corrected);
      const expedited = input.expedited === true && row.urgency !== "expedited";
      const eventId = await addEvent(trx, row, "appealed", input.physicianId, input.reason, now, {
        ...corrected.detail,
        ...(expedited ? { expedited: true } : {}),
        attachments: input.attachments.length,
      });
      await addAttachments(trx, row.id, eventId, input.physicianId, input.attachments, now);
      return {
        set: {
          ...corrected.set,
          appealed_at: now.toISOString(),
          due_at: appealDue(now, row.urgency, expedited).toISOString(),
        },
        audit: "request.appealed",
        detail: {
          attachments: input.attachments.length,
          corrected: Boolean(input.corrected),
          expedited,
        },
      };
    },
  );
}

/**
 * A medical director other than the one who denied, with a specialty the policy names, upholds
 * or overturns the appeal; an overturned denial is an approval, with its authorization.
 */
export async function decideAppeal(
  db: Db,
  input: {
    reference: string;
    expectedVersion: number;
    actor: StepActor;
    policy: RequestPolicy;
    outcome: "uphold" | "overturn";
    rationale: string;
    authorization?: AuthorizationTerms;
  },
  now = new Date(),
): Promise<StepOutcome> {
  return takeRequestStep(db, { ...input, step: input.outcome }, now, async (trx, row, to) => {
    const grant =
      to === "appeal-overturned" ? grantFor(input.policy, row, input.authorization) : undefined;
    if (grant && !grant.ok) return { invalid: grant.issues };
    await addEvent(
      trx,
      row,
      to === "appeal-overturned" ? "appeal-overturned" : "appeal-upheld",
      input.actor.id,
      input.rationale,
      now,
    );
    const authorization = grant?.ok
      ? await issueAuthorization(trx, row.id, grant.grant, input.actor.id, now)
      : undefined;
    return {
      set: { appeal_decided_at: now.toISOString() },
      audit: "request.appeal-decided",
      detail: {
        outcome: input.outcome,
        ...(authorization ? { authorization: authorization.number } : {}),
      },
    };
  });
}

const DECIDED: readonly RequestState[] = [
  "approved",
  "denied",
  "appeal-upheld",
  "appeal-overturned",
];

/** What a form or the API says when a step changed nothing. */
export function refusalMessage(outcome: StepRefusal): string {
  if (outcome.reason === "not-found") return "This request does not exist.";
  if (outcome.reason === "conflict")
    return "Someone else changed this request while you were reading it. Nothing was saved: reload the page to see what changed.";
  if (DECIDED.includes(outcome.status))
    return `This request has already been decided (${STATE_LABELS[outcome.status].toLowerCase()}), and a decision is final. Nothing was saved: reload the page to see the decision.`;
  return `${outcome.message} Nothing was saved.`;
}
