import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import type { Urgency } from "@/lib/request-model/vocabulary";
import {
  evaluateToDecide,
  type DecidingEvaluation,
  type Evaluation,
} from "@/lib/policy/engine/evaluate";
import type { PolicyRules } from "@/lib/policy/engine/types";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { recordAudit } from "@/lib/audit/audit-log";
import { addAttachments, type NewAttachment } from "./attachment-store";
import { dueAt } from "@/lib/request-model/due";
import { randomReference } from "./reference";
import { whereLatestDenial } from "./where-latest-denial";
import { authorizationGrant } from "./authorization";
import { issueAuthorization } from "./authorization-store";
import {
  requestColumns,
  requestFieldsOf,
  requestValues,
  storedRequestOf,
  type PolicyOf,
  type RequestField,
  type StoredRequest,
} from "./request-row";
import { submissionFingerprint } from "./submission-fingerprint";
import { RULE_ACTOR_ID } from "@/lib/audit/actors";
import { REVIEW_ACTION_CODES } from "@/lib/request-model/x12";
import { UNDECIDED_STATES, type RequestState } from "@/lib/request-model/state-machine";

export type Executor = Kysely<Database> | Transaction<Database>;

export type SubmitResult =
  | {
      ok: true;
      reference: string;
      evaluation: Evaluation;
      replayed: boolean;
      /** Where the request stands: pending, or approved by rule. */
      status: RequestState;
    }
  | ({ ok: false; reason: "incomplete" } & Omit<Extract<DecidingEvaluation, { ok: false }>, "ok">)
  | { ok: false; reason: "key-reused"; reference: string | null };

export interface SubmitOptions {
  /**
   * The client's Idempotency-Key, or the submission form's one-time token: the same key with the
   * same fields gives back the request it stored first; with other fields, "key-reused".
   */
  idempotencyKey?: string;
  /** How references are drawn (randomReference); the e2e seed uses fixed ones. */
  newReference?: (year: number) => string;
  /** Files sent with the submission, already checked. */
  attachments?: readonly NewAttachment[];
  /** More rows to write in the same transaction, once the request is stored (its PAS origin). */
  within?: (trx: Transaction<Database>, reference: string) => Promise<void>;
  /** More non-identifying detail for the submission's audit row (the client it came from). */
  auditDetail?: Record<string, string | number | boolean | null>;
  /**
   * Rule-based approval, where it is on (lib/server/rule-approval.ts; never for PAS): a complete
   * submission read as medically necessary, with the physician's attestation, is approved at once
   * with its authorization. `sample()` says whether it goes to the reviewers' audit list.
   */
  ruleApproval?: { sample: () => boolean };
}

const MAX_REFERENCE_DRAWS = 20;

/**
 * Stores a physician's request with the determination the server computes from the answers under
 * `policy` (the version in force on the date of service; a determination sent by a client is
 * never read), its idempotency key if any, and its audit row, in one transaction. The key is
 * claimed first: a second submission with it waits for the first to commit (PostgreSQL: on the
 * key's unique index; SQLite: one writer), then reads its result.
 */
export async function submitRequest(
  db: Db,
  physicianId: string,
  submission: RequestSubmission,
  policy: PolicyRules,
  now = new Date(),
  {
    idempotencyKey,
    newReference = randomReference,
    attachments = [],
    within,
    auditDetail,
    ruleApproval,
  }: SubmitOptions = {},
): Promise<SubmitResult> {
  const read = evaluateToDecide(policy, submission.answers);
  if (!read.ok) return { ...read, reason: "incomplete" };
  const { evaluation } = read;
  const fingerprint = submissionFingerprint(submission, attachments);
  return db.kysely.transaction().execute(async (trx): Promise<SubmitResult> => {
    if (idempotencyKey !== undefined) {
      const claimed = await trx
        .insertInto("idempotency_keys")
        .values({
          physician_id: physicianId,
          key: idempotencyKey,
          body_sha256: fingerprint,
          reference: null,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(["physician_id", "key"]).doNothing())
        .returning("key")
        .executeTakeFirst();
      if (!claimed) {
        const first = await trx
          .selectFrom("idempotency_keys")
          .select(["body_sha256", "reference"])
          .where("physician_id", "=", physicianId)
          .where("key", "=", idempotencyKey)
          .executeTakeFirstOrThrow();
        const stored = first.reference ? await readRequest(trx, first.reference) : undefined;
        if (first.body_sha256 !== fingerprint || !stored)
          return { ok: false, reason: "key-reused", reference: first.reference };
        return {
          ok: true,
          reference: stored.reference,
          evaluation: stored.evaluation,
          replayed: true,
          status: stored.status,
        };
      }
    }

    let reference: string | undefined;
    let requestId = 0;
    for (let draw = 0; !reference && draw < MAX_REFERENCE_DRAWS; draw++) {
      const candidate = newReference(now.getUTCFullYear());
      const inserted = await trx
        .insertInto("requests")
        .values({
          ...requestValues(submission),
          reference: candidate,
          physician_id: physicianId,
          determination: evaluation.determination,
          evaluation_json: JSON.stringify(evaluation),
          policy_id: policy.id,
          policy_version: evaluation.policy.version,
          status: "pending",
          submitted_at: now.toISOString(),
          due_at: dueAt(now, submission.urgency).toISOString(),
          version: 1,
          retrospective: submission.retrospective ? 1 : 0,
        })
        .onConflict((oc) => oc.column("reference").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) {
        reference = candidate;
        requestId = inserted.id;
      }
    }
    if (!reference) throw new Error(`No free reference after ${MAX_REFERENCE_DRAWS} draws`);
    await addAttachments(trx, requestId, null, physicianId, attachments, now);

    if (idempotencyKey !== undefined)
      await trx
        .updateTable("idempotency_keys")
        .set({ reference })
        .where("physician_id", "=", physicianId)
        .where("key", "=", idempotencyKey)
        .execute();
    if (within) await within(trx, reference);
    await recordAudit(
      trx,
      {
        actorId: physicianId,
        action: "request.submitted",
        requestReference: reference,
        detail: {
          determination: evaluation.determination,
          urgency: submission.urgency,
          attachments: attachments.length,
          ...(submission.attestation ? { attested: true } : {}),
          ...auditDetail,
        },
      },
      now,
    );
    const approved =
      ruleApproval &&
      submission.attestation === true &&
      (await approveByRule(
        trx,
        requestId,
        reference,
        submission,
        policy,
        evaluation,
        now,
        ruleApproval,
      ));
    return {
      ok: true,
      reference,
      evaluation,
      replayed: false,
      status: approved ? "approved" : "pending",
    };
  });
}

/**
 * Approves a just-stored request by rule, in its submission's transaction, when its reading is
 * medically necessary and names a service to authorize: the decision (A1, by no person), the
 * authorization with the policy's defaults, the state, the audit row naming the policy version
 * and rules revision, and, if drawn, a place on the reviewers' audit list. Rules never deny and
 * never pend: any other reading is left pending for a reviewer. Returns whether it approved.
 */
async function approveByRule(
  trx: Transaction<Database>,
  requestId: number,
  reference: string,
  submission: RequestSubmission,
  policy: PolicyRules,
  evaluation: Evaluation,
  now: Date,
  rule: { sample: () => boolean },
): Promise<boolean> {
  const tone = policy.determinations.find((d) => d.value === evaluation.determination)?.tone;
  if (tone !== "approve") return false;
  const grant = authorizationGrant(policy, submission);
  if (!grant.ok) return false;
  const { shortName } = policy.meta;
  const { version, rulesRevision } = evaluation.policy;
  await trx
    .insertInto("decisions")
    .values({
      request_id: requestId,
      action: "approve",
      review_action_code: REVIEW_ACTION_CODES.approve,
      rationale:
        `Approved by rule under ${shortName} version ${version}, rules revision ${rulesRevision}: ` +
        `the answers, which the physician attested match the patient's record, meet ${evaluation.decidedBy.title}. ${evaluation.decidedBy.reason}`,
      reviewer_id: RULE_ACTOR_ID,
      decided_at: now.toISOString(),
      criteria_json: null,
    })
    .execute();
  const authorization = await issueAuthorization(
    trx,
    requestId,
    grant.grant,
    RULE_ACTOR_ID,
    now,
    true,
  );
  await trx
    .updateTable("requests")
    .set({
      status: "approved",
      version: 2,
      decided_at: now.toISOString(),
      decision_ms: 0,
      approved_by_rule: 1,
    })
    .where("id", "=", requestId)
    .execute();
  const sampled = rule.sample();
  if (sampled)
    await trx
      .insertInto("rule_audits")
      .values({ request_id: requestId, sampled_at: now.toISOString() })
      .execute();
  await recordAudit(
    trx,
    {
      actorId: RULE_ACTOR_ID,
      action: "request.approved-by-rule",
      requestReference: reference,
      detail: {
        policyId: policy.id,
        policyVersion: version,
        rulesRevision,
        authorization: authorization.number,
        sampledForAudit: sampled,
      },
    },
    now,
  );
  return true;
}

export async function findRequest(db: Db, reference: string): Promise<StoredRequest | undefined> {
  return readRequest(db.kysely, reference);
}

/**
 * Reads one request, the policy version it is judged under resolved by `policyOf` when given so
 * its answers are read through that version's schema (lib/requests/stored-answers.ts).
 */
export async function readRequest(
  db: Executor,
  reference: string,
  policyOf?: PolicyOf,
): Promise<StoredRequest | undefined> {
  const row = await db
    .selectFrom("requests")
    .selectAll()
    .where("reference", "=", reference)
    .executeTakeFirst();
  return row && storedRequestOf(row, policyOf);
}

/** The audit row of an export, written once the document was produced and before it is sent. */
export async function recordExport(
  db: Db,
  reference: string,
  userId: string,
  format: "pdf" | "fhir",
): Promise<void> {
  await recordAudit(db.kysely, {
    actorId: userId,
    action: "request.exported",
    requestReference: reference,
    detail: { format },
  });
}

export async function decisionsFor(db: Db, reference: string) {
  return db.kysely
    .selectFrom("decisions")
    .innerJoin("requests", "requests.id", "decisions.request_id")
    .select([
      "decisions.action",
      "decisions.review_action_code as reviewActionCode",
      "decisions.rationale",
      "decisions.reviewer_id as reviewerId",
      "decisions.decided_at as decidedAt",
    ])
    .where("requests.reference", "=", reference)
    .orderBy("decisions.id")
    .execute();
}

export interface QueueFilter {
  status?: RequestState;
  /** Only cases still waiting for someone (every undecided state): the queue's default. */
  open?: boolean;
  determination?: string;
  urgency?: Urgency;
  overdue?: boolean;
  /** Undecided cases due later today (UTC), not yet overdue. */
  dueToday?: boolean;
  /** Cases assigned to this account. */
  assignedTo?: string;
  /**
   * Appeals this medical director may decide: appealed, under a policy whose appeals their
   * specialty may decide, and not denied by them.
   */
  appealsFor?: { userId: string; policyIds: readonly string[] };
  /** A reference (R-2026-000123) or a member ID, matched exactly. */
  search?: string;
}

export interface QueueCursor {
  dueAt: string;
  id: number;
}

/** What a row of the review queue is read from. */
const QUEUE_FIELDS = [
  "id",
  "reference",
  "submittedAt",
  "urgency",
  "dueAt",
  "determination",
  "status",
  "patientName",
  "appealedAt",
  "extendedAt",
  "extensionReason",
  "answers",
  "policyId",
  "policyVersion",
  "serviceDate",
  "retrospective",
  "assignedTo",
] as const satisfies readonly RequestField[];

export type QueueRow = Pick<StoredRequest, (typeof QUEUE_FIELDS)[number]> & {
  /** Who denied it, for an appeal: its medical director may not decide it. */
  deniedBy: string | null;
};

/**
 * One page of the review queue, soonest due first, by keyset on (due_at, id); the answers read
 * through the version `policyOf` resolves.
 */
export async function reviewQueue(
  db: Db,
  filter: QueueFilter,
  options: { after?: QueueCursor; limit?: number; now?: Date; policyOf?: PolicyOf } = {},
): Promise<{ rows: QueueRow[]; next?: QueueCursor }> {
  const limit = options.limit ?? 50;
  const now = (options.now ?? new Date()).toISOString();
  let query = db.kysely.selectFrom("requests").select((eb) => [
    ...requestColumns(QUEUE_FIELDS),
    // Who denied it, for an appeal: its medical director may not decide it.
    whereLatestDenial(eb.selectFrom("decisions"))
      .select("decisions.reviewer_id")
      .whereRef("decisions.request_id", "=", "requests.id")
      .as("deniedBy"),
  ]);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.open) query = query.where("status", "in", UNDECIDED_STATES);
  if (filter.determination) query = query.where("determination", "=", filter.determination);
  if (filter.urgency) query = query.where("urgency", "=", filter.urgency);
  if (filter.overdue)
    query = query.where("due_at", "<", now).where("status", "in", UNDECIDED_STATES);
  if (filter.dueToday)
    query = query
      .where("due_at", ">=", now)
      .where("due_at", "<", new Date(Date.parse(now.slice(0, 10)) + 86_400_000).toISOString())
      .where("status", "in", UNDECIDED_STATES);
  if (filter.assignedTo) query = query.where("assigned_to", "=", filter.assignedTo);
  if (filter.appealsFor) {
    const { userId, policyIds } = filter.appealsFor;
    query = query
      .where("status", "=", "appealed")
      .where("policy_id", "in", policyIds.length ? [...policyIds] : [""])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("decisions")
              .select("decisions.id")
              .whereRef("decisions.request_id", "=", "requests.id")
              .where("decisions.action", "=", "deny")
              .where("decisions.reviewer_id", "=", userId),
          ),
        ),
      );
  }
  if (filter.search)
    query = query.where((eb) =>
      eb.or([eb("reference", "=", filter.search!), eb("member_id", "=", filter.search!)]),
    );
  if (options.after) {
    const { dueAt, id } = options.after;
    // A row-value comparison, so both engines enter the (due_at, id) index at the cursor.
    query = query.where((eb) => eb(eb.refTuple("due_at", "id"), ">", eb.tuple(dueAt, id)));
  }
  const rows = await query
    .orderBy("due_at")
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map((r): QueueRow => ({
    ...requestFieldsOf(r, QUEUE_FIELDS, options.policyOf),
    deniedBy: r.deniedBy,
  }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { dueAt: last.dueAt, id: last.id } : undefined,
  };
}

export interface PhysicianCursor {
  submittedAt: string;
  id: number;
}

/** What a row of the physician's own list is read from. */
const PHYSICIAN_LIST_FIELDS = [
  "id",
  "reference",
  "submittedAt",
  "determination",
  "status",
  "urgency",
  "dueAt",
  "patientName",
  "serviceDate",
  "retrospective",
  "answers",
  "policyId",
  "policyVersion",
] as const satisfies readonly RequestField[];

export type PhysicianListRow = Pick<StoredRequest, (typeof PHYSICIAN_LIST_FIELDS)[number]>;

/**
 * One page of a physician's own requests, newest first, by keyset on (submitted_at, id); the
 * answers read through the version `policyOf` resolves.
 */
export async function requestsOfPhysician(
  db: Db,
  physicianId: string,
  options: { before?: PhysicianCursor; limit?: number; policyOf?: PolicyOf } = {},
): Promise<{ rows: PhysicianListRow[]; next?: PhysicianCursor }> {
  const limit = options.limit ?? 50;
  let query = db.kysely
    .selectFrom("requests")
    .select(requestColumns(PHYSICIAN_LIST_FIELDS))
    .where("physician_id", "=", physicianId);
  if (options.before) {
    const { submittedAt, id } = options.before;
    query = query.where((eb) =>
      eb(eb.refTuple("submitted_at", "id"), "<", eb.tuple(submittedAt, id)),
    );
  }
  const rows = await query
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows
    .slice(0, limit)
    .map((r) => requestFieldsOf(r, PHYSICIAN_LIST_FIELDS, options.policyOf));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { submittedAt: last.submittedAt, id: last.id } : undefined,
  };
}
