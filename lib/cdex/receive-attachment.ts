import "server-only";
import { createHash } from "node:crypto";
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { namesQuestionnaireOf, questionnaireCanonical } from "@/lib/fhir/canonical";
import { informationOutcome, issueAt, operationOutcome, outcomeIssue } from "@/lib/fhir/outcomes";
import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { followUpAnswers, followUpUrl } from "@/lib/dtr/follow-up";
import type { Policy } from "@/lib/policy/engine/types";
import { readCorrection } from "@/lib/requests/correction";
import { DATA_REQUEST_LOINC } from "@/lib/request-model/pend-documents";
import { latestPendItems, pendingItem, type PendItem } from "@/lib/requests/pend-items";
import { findRequest } from "@/lib/requests/repository";
import { refusalMessage, replyToRequest, type CorrectedAnswers } from "@/lib/requests/transitions";
import { policyOfRequest } from "@/lib/server/policies";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { clientActorId } from "@/lib/audit/actors";
import { readSubmitAttachment, type AttachmentSubmission } from "./submit-attachment-input";

// CDex $submit-attachment for the items of a request for more information about a PAS request:
// the TrackingId must be a pending item of a request this client sent (anything else is the
// same 404), the member must be the request's; the files are stored as the reply's, a
// QuestionnaireResponse for the policy's Questionnaire is read as corrected answers (both readings
// kept, through the physician's reply path), one for the item's follow-up Questionnaire becomes
// the reply's text. A final submission answers its item; the last item answered moves the
// request to "information received". A byte-identical retry answers as the first time did.

export interface Answer {
  status: number;
  body: OperationOutcome;
}

const refusal = (
  status: number,
  code: OperationOutcomeIssue["code"],
  diagnostics: string,
  expression?: string,
): Answer => ({
  status,
  body: operationOutcome([outcomeIssue(code, diagnostics, { expression })]),
});

const unknownTrackingId = () =>
  refusal(
    404,
    "not-found",
    "TrackingId: this client has no pending request for more information with this attachment control number. Nothing was stored.",
  );

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The answer stored for this exact body under this client's TrackingId, if it was sent before. */
async function replayed(db: Db, clientId: string, trackingId: string, hash: string) {
  const row = await db.kysely
    .selectFrom("attachment_submissions")
    .innerJoin("pend_items", "pend_items.tracking_id", "attachment_submissions.tracking_id")
    .select(["attachment_submissions.status", "attachment_submissions.response_json"])
    .where("attachment_submissions.tracking_id", "=", trackingId)
    .where("attachment_submissions.body_sha256", "=", hash)
    .where("pend_items.client_id", "=", clientId)
    .executeTakeFirst();
  return row
    ? { status: Number(row.status), body: JSON.parse(row.response_json) as OperationOutcome }
    : undefined;
}

type Read =
  | { ok: true; text: string; corrected?: CorrectedAnswers }
  | { ok: false; issues: OperationOutcomeIssue[] };

/** The QuestionnaireResponses read: corrected answers, the follow-up's answers as text. */
function readResponses(
  submission: AttachmentSubmission,
  item: PendItem,
  request: NonNullable<Awaited<ReturnType<typeof findRequest>>>,
  policy: Policy,
  base: string,
): Read {
  const issues: OperationOutcomeIssue[] = [];
  const problem = (path: string, diagnostics: string) => issues.push(issueAt(path, diagnostics));
  const texts: string[] = [];
  let corrected: CorrectedAnswers | undefined;
  let ours = 0;
  const followUp =
    item.document === DATA_REQUEST_LOINC && item.contextId
      ? followUpUrl(base, item.contextId)
      : undefined;
  for (const { resource, path } of submission.responses) {
    if (followUp && resource.questionnaire === followUp) {
      const read = followUpAnswers(
        { contextId: item.contextId!, criterion: item.criterion, question: item.question },
        resource,
        path,
      );
      if (!read.ok) read.problems.forEach((p) => issues.push(outcomeIssue("invalid", p)));
      else texts.push(read.text);
      continue;
    }
    if (!namesQuestionnaireOf(base, policy, resource.questionnaire)) {
      problem(
        `${path}.questionnaire`,
        `must be the policy's Questionnaire (${questionnaireCanonical(base, policy)})${followUp ? ` or this item's follow-up (${followUp})` : ""}`,
      );
      continue;
    }
    if (++ours > 1) {
      problem(path, "send the policy's Questionnaire's answers once");
      continue;
    }
    const answers = answersFromResponse(policy, resource, base);
    if (!answers.ok) {
      for (const i of answers.outcome.issue)
        issues.push({
          ...i,
          diagnostics: `${path}: ${i.diagnostics ?? ""}`,
          expression: (i.expression ?? []).map((e) => e.replace(/^QuestionnaireResponse/, path)),
        });
      continue;
    }
    const read = readCorrection(request, policy, answers.answers);
    if (read && "issues" in read)
      read.issues.forEach((i) =>
        problem(`${path}.item`, `${i.path.replace(/^answers\./, "")}: ${i.message}`),
      );
    else corrected = read;
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, text: texts.join("\n\n"), ...(corrected ? { corrected } : {}) };
}

/** What the EHR is told: what was received, and what the request waits for now. */
function received(
  submission: AttachmentSubmission,
  item: PendItem,
  status: string,
  corrected: boolean,
  open: number,
): OperationOutcome {
  const parts = [
    `${submission.files.length} file${submission.files.length === 1 ? "" : "s"}`,
    ...(corrected ? ["corrected answers (read again)"] : []),
    ...(submission.responses.length && !corrected ? ["answers"] : []),
  ];
  const state =
    status === "information-received"
      ? "Every item asked for is answered: the request is back with the reviewer (information received)."
      : submission.final
        ? `The request waits for ${open} more item${open === 1 ? "" : "s"} of this request for information.`
        : "Final is false: stored, and the request still waits for this item.";
  return informationOutcome(
    `Received for attachment control number ${item.trackingId} (${item.criterion}): ${parts.join(", ")}. ${state}`,
  );
}

export async function receiveAttachment(
  db: Db,
  holder: TokenHolder,
  body: { value: unknown; bytes: Uint8Array },
  base: string,
  now = new Date(),
): Promise<Answer> {
  const read = readSubmitAttachment(body.value);
  if (!read.ok) return { status: 400, body: operationOutcome(read.problems.issues) };
  const { submission } = read;
  const hash = sha256(body.bytes);
  const again = await replayed(db, holder.clientId, submission.trackingId, hash);
  if (again) return again;
  // Unknown, another client's, answered or superseded: one answer, so nothing is revealed.
  const item = await pendingItem(db.kysely, holder.clientId, { trackingId: submission.trackingId });
  if (!item) return unknownTrackingId();
  if (submission.memberId !== item.memberId)
    return refusal(
      400,
      "invalid",
      "MemberId: is not the member of the request this TrackingId asks about. Nothing was stored.",
    );
  const request = await findRequest(db, item.reference);
  if (!request) throw new Error(`pend item of ${item.reference} without its request`);
  const policy = policyOfRequest(request);
  const responses = readResponses(submission, item, request, policy, base);
  if (!responses.ok) return { status: 400, body: operationOutcome(responses.issues) };

  let answer: Answer | undefined;
  const text =
    responses.text ||
    `Sent by ${holder.clientName} over CDex $submit-attachment for “${item.criterion}”.`;
  const outcome = await replyToRequest(
    db,
    {
      reference: item.reference,
      expectedVersion: null,
      physicianId: clientActorId(holder.clientId),
      text,
      corrected: responses.corrected,
      attachments: submission.files,
      auditDetail: {
        via: "cdex",
        client: holder.clientName,
        trackingId: item.trackingId,
        final: submission.final,
      },
      completes: async (trx: Kysely<Database>) => {
        // A byte-identical body that raced this one in: answered by what it stored.
        const raced = await trx
          .selectFrom("attachment_submissions")
          .select("tracking_id")
          .where("tracking_id", "=", item.trackingId)
          .where("body_sha256", "=", hash)
          .executeTakeFirst();
        if (raced) return null;
        // Under the request's lock: still awaited (another submission may have answered it).
        const awaited = submission.final
          ? await trx
              .updateTable("pend_items")
              .set({ answered_at: now.toISOString() })
              .where("tracking_id", "=", item.trackingId)
              .where("answered_at", "is", null)
              .returning("tracking_id")
              .executeTakeFirst()
          : await trx
              .selectFrom("pend_items")
              .select("tracking_id")
              .where("tracking_id", "=", item.trackingId)
              .where("answered_at", "is", null)
              .executeTakeFirst();
        if (!awaited) return null;
        const open = (await latestPendItems(trx, item.requestId)).filter(
          (i) => i.answeredAt === null,
        ).length;
        const complete = submission.final && open === 0;
        answer = {
          status: 200,
          body: received(
            submission,
            item,
            complete ? "information-received" : "more-information",
            Boolean(responses.corrected),
            open,
          ),
        };
        await trx
          .insertInto("attachment_submissions")
          .values({
            tracking_id: item.trackingId,
            body_sha256: hash,
            status: answer.status,
            response_json: JSON.stringify(answer.body),
            created_at: now.toISOString(),
          })
          .execute();
        return complete;
      },
    },
    now,
  );
  if (outcome.ok) return answer!;
  if (outcome.reason === "invalid" && outcome.issues.some((i) => i.path === "TrackingId"))
    return (
      (await replayed(db, holder.clientId, submission.trackingId, hash)) ?? unknownTrackingId()
    );
  if (outcome.reason === "invalid")
    return {
      status: 400,
      body: operationOutcome(
        outcome.issues.map((i) => outcomeIssue("invalid", `${i.path}: ${i.message}`)),
      ),
    };
  return refusal(
    outcome.reason === "not-found" ? 404 : 409,
    "conflict",
    `${refusalMessage(outcome)} Send it again.`,
  );
}
