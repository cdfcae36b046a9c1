// Requests as they were stored under earlier rules revisions: the rows hold the evaluation that
// revision's engine made (captured from it, in fixtures/), so tests can show how they are read now.
import type { Db } from "@/lib/db/database";
import type { Answers } from "@/lib/policy/engine/types";
import { requestValues } from "@/lib/requests/request-row";
import revision1 from "./fixtures/rules-revision-1-evaluations.json" with { type: "json" };
import revision2 from "./fixtures/rules-revision-2-evaluations.json" with { type: "json" };

export interface StoredCase {
  answers: Answers;
  evaluation: { determination: string };
}

export type Revision1Case = keyof typeof revision1;
export type Revision2Case = keyof typeof revision2;

/** Evaluations the revision-1 engine made (before rules revision 2). */
export const REVISION_1_CASES = revision1 as Record<Revision1Case, StoredCase>;
/** Evaluations the revision-2 engine made (before rules revision 3). */
export const REVISION_2_CASES = revision2 as Record<Revision2Case, StoredCase>;

/** Writes the row an earlier submission wrote, with its audit row, under the given reference. */
export async function insertStoredRequest(
  db: Db,
  input: { reference: string; physicianId: string; memberId: string; stored: StoredCase },
) {
  const { answers, evaluation } = input.stored;
  const submittedAt = "2025-11-03T09:00:00.000Z";
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("requests")
      .values({
        ...requestValues({
          patientName: "Earlier Patient",
          patientBirthDate: "1968-05-06",
          memberId: input.memberId,
          orderingPhysician: "Dr. One",
          npi: "1234567893",
          serviceDate: "2025-11-20",
          urgency: "standard",
          clinicalNotes: "",
          answers,
        }),
        reference: input.reference,
        physician_id: input.physicianId,
        determination: evaluation.determination,
        evaluation_json: JSON.stringify(evaluation),
        policy_version: "2021-07-15",
        status: "pending",
        submitted_at: submittedAt,
        due_at: "2025-11-10T09:00:00.000Z",
        version: 1,
      })
      .execute();
    await trx
      .insertInto("audit_events")
      .values({
        at: submittedAt,
        actor_id: input.physicianId,
        action: "request.submitted",
        request_reference: input.reference,
        detail_json: JSON.stringify({ determination: evaluation.determination }),
      })
      .execute();
  });
}
