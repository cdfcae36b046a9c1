import type { Selectable } from "kysely";
import type { RequestsTable } from "@/lib/db/schema";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { readStoredEvaluation } from "@/lib/policy/engine/stored-evaluation";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import type { RequestState } from "@/lib/request-model/state-machine";
import { REQUEST_FIELD_NAMES, type RequestFields } from "@/lib/validations/request-submission";
import { answersToJson, storedAnswers } from "./stored-answers";

// The one request model: a stored request's fields and the column each is kept in. The insert,
// the whole-request read, the review queue's and the physician's list rows, and the PAS response
// are all derived from it, so a field added here is read and written everywhere or fails to
// compile. The answers and the evaluation are kept as JSON text and read back through their
// schemas (stored-answers.ts, stored-evaluation.ts), never cast.

/** A stored request: the submission's own fields, and what the server made of them. */
export interface StoredRequest extends RequestFields {
  id: number;
  reference: string;
  physicianId: string;
  answers: Answers;
  determination: string;
  evaluation: Evaluation;
  policyId: string;
  policyVersion: string;
  status: RequestState;
  submittedAt: string;
  dueAt: string;
  version: number;
  /** The first approval or denial. */
  decidedAt: string | null;
  extendedAt: string | null;
  extensionReason: string | null;
  appealedAt: string | null;
  /** The planned date was already past at submission: the service was given before review. */
  retrospective: boolean;
  /** The reviewer or medical director the case is assigned to. */
  assignedTo: string | null;
  approvedByRule: boolean;
}

/** The policy version a stored request is judged under, from its ids (lib/server/policies.ts). */
export type PolicyOf = (ids: {
  policyId: string;
  policyVersion: string;
}) => Pick<PolicyRules, "questions">;

type Row = Selectable<RequestsTable>;

/** The fields kept in one column each, as they are. */
type ColumnField = Exclude<keyof StoredRequest, "answers" | "evaluation">;

/** Each field's column in `requests`. */
const COLUMN_OF = {
  id: "id",
  reference: "reference",
  physicianId: "physician_id",
  patientName: "patient_name",
  patientBirthDate: "patient_birth_date",
  memberId: "member_id",
  orderingPhysician: "ordering_physician",
  npi: "npi",
  serviceDate: "service_date",
  urgency: "urgency",
  clinicalNotes: "clinical_notes",
  determination: "determination",
  policyId: "policy_id",
  policyVersion: "policy_version",
  status: "status",
  submittedAt: "submitted_at",
  dueAt: "due_at",
  version: "version",
  decidedAt: "decided_at",
  extendedAt: "extended_at",
  extensionReason: "extension_reason",
  appealedAt: "appealed_at",
  retrospective: "retrospective",
  assignedTo: "assigned_to",
  approvedByRule: "approved_by_rule",
} as const satisfies Record<ColumnField, keyof Row>;

const isOne = (value: unknown) => Number(value) === 1;

/** The columns whose stored form differs from the field's: integers kept as 0 or 1, counts. */
const READ_COLUMN: Partial<Record<ColumnField, (value: unknown) => unknown>> = {
  id: Number,
  version: Number,
  retrospective: isOne,
  approvedByRule: isOne,
};

/** What the answers are read from: their text, and the ids of the version whose schema reads it. */
const ANSWERS_COLUMNS = ["answers_json", "reference", "policy_id", "policy_version"] as const;

/** A field that can be read from a row without the evaluation. */
export type RequestField = ColumnField | "answers";

type ColumnsOf<F extends RequestField> = F extends ColumnField
  ? (typeof COLUMN_OF)[F]
  : (typeof ANSWERS_COLUMNS)[number];

/** The part of a `requests` row these fields are read from. */
export type RowOf<F extends RequestField> = Pick<Row, ColumnsOf<F>>;

/** The columns to select for these fields, qualified so a join may select them too. */
export function requestColumns<F extends RequestField>(
  fields: readonly F[],
): `requests.${ColumnsOf<F>}`[] {
  const columns = fields.flatMap((f: RequestField) =>
    f === "answers" ? ANSWERS_COLUMNS : [COLUMN_OF[f]],
  );
  return [...new Set(columns)].map((c) => `requests.${c}` as const) as `requests.${ColumnsOf<F>}`[];
}

/**
 * These fields of a selected row (requestColumns), the answers read through the strict schema of
 * the version `policyOf` resolves when given.
 */
export function requestFieldsOf<F extends RequestField>(
  row: RowOf<F>,
  fields: readonly F[],
  policyOf?: PolicyOf,
): Pick<StoredRequest, F> {
  const columns: Partial<Row> = row;
  const read: Partial<Record<RequestField, unknown>> = {};
  for (const field of fields as readonly RequestField[]) {
    if (field === "answers") {
      const { reference, answers_json, policy_id, policy_version } = columns as RowOf<"answers">;
      read.answers = storedAnswers(
        reference,
        answers_json,
        policyOf?.({ policyId: policy_id, policyVersion: policy_version }),
      );
    } else {
      const value = columns[COLUMN_OF[field]];
      read[field] = READ_COLUMN[field]?.(value) ?? value;
    }
  }
  return read as Pick<StoredRequest, F>;
}

const EVERY_FIELD = [...(Object.keys(COLUMN_OF) as ColumnField[]), "answers"] as const;

/** A whole `requests` row as the rest of the code reads it (also used by bench/crash-safety.ts). */
export function storedRequestOf(row: Row, policyOf?: PolicyOf): StoredRequest {
  return {
    ...requestFieldsOf(row, EVERY_FIELD, policyOf),
    evaluation: readStoredEvaluation(row.evaluation_json),
  };
}

type OwnColumns = { [F in keyof RequestFields as (typeof COLUMN_OF)[F]]: RequestFields[F] };

/** The columns a new request's own fields and answers are written to. */
export function requestValues(
  submission: RequestFields & { answers: Answers },
): OwnColumns & { answers_json: string } {
  const own = Object.fromEntries(
    REQUEST_FIELD_NAMES.map((field) => [COLUMN_OF[field], submission[field]]),
  ) as OwnColumns;
  return { ...own, answers_json: answersToJson(submission.answers) };
}
