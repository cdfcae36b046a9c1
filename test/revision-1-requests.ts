// Requests as they were stored before rules revision 2: the rows hold the evaluation the
// revision-1 engine made (captured from it, in fixtures/), so tests can show how they are read now.
import type { Db } from "@/lib/db/database";
import type { Answers } from "@/lib/policy/engine/types";
import stored from "./fixtures/rules-revision-1-evaluations.json" with { type: "json" };

export type Revision1Case = keyof typeof stored;

export const REVISION_1_CASES: Record<
  Revision1Case,
  { answers: Answers; evaluation: { determination: string } }
> = stored as Record<Revision1Case, { answers: Answers; evaluation: { determination: string } }>;

/** Writes the row a revision-1 submission wrote, with its audit row, under the given reference. */
export async function insertRevision1Request(
  db: Db,
  input: { reference: string; physicianId: string; memberId: string; case: Revision1Case },
) {
  const { answers, evaluation } = REVISION_1_CASES[input.case];
  const submittedAt = "2025-11-03T09:00:00.000Z";
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("requests")
      .values({
        reference: input.reference,
        physician_id: input.physicianId,
        patient_name: "Earlier Patient",
        patient_birth_date: "1968-05-06",
        member_id: input.memberId,
        ordering_physician: "Dr. One",
        npi: "1234567893",
        service_date: "2025-11-20",
        urgency: "standard",
        clinical_notes: "",
        answers_json: JSON.stringify(answers),
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
