import "server-only";
import { peopleByIds } from "@/lib/auth/people";
import { REVIEW_ROLES, type Role } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import { determinationLabel } from "@/lib/policy/engine/evaluate";
import { URGENCY_LABELS, diagnosisText, personText, timeLeft } from "@/lib/requests/labels";
import type { QueueRow } from "@/lib/requests/repository";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";
import { serviceOf, serviceText } from "@/lib/requests/service";
import { STATE_LABELS, isUndecided, takeStep } from "@/lib/request-model/state-machine";
import { pasOrigins } from "@/lib/pas/repository";
import { policies, policyOfRequest } from "./policies";

/** A row of the review queue as the table shows it: every word worked out on the server. */
export interface QueueRowView {
  reference: string;
  viaPas?: string;
  patientName: string;
  service: string;
  diagnosis: string;
  /** The policy's reading of the answers: "Medically necessary". */
  reading: string;
  serviceDate: string;
  retrospective: boolean;
  urgency: string;
  dueAt: string;
  timeLeft: string;
  waiting?: string;
  extension?: string;
  status: string;
  appeal: boolean;
  /** Why the reader may not decide this appeal, when they may not. */
  appealNote?: string;
  assignedTo?: string;
  /** Whether "Assign to me" is offered. */
  assignable: boolean;
}

export type Reader = { id: string; role: Role; specialty: string | null };

/** The queue's rows in words, for this reader. */
export async function queueRowViews(
  db: Db,
  rows: readonly QueueRow[],
  reader: Reader,
  now = new Date(),
): Promise<QueueRowView[]> {
  const [viaPas, people] = await Promise.all([
    pasOrigins(
      db,
      rows.map((r) => r.reference),
    ),
    peopleByIds(
      db,
      rows.map((r) => r.assignedTo),
    ),
  ]);
  return rows.map((r) => {
    const policy = policyOfRequest({ policyId: r.policyId, policyVersion: r.policyVersion });
    const { answers } = r;
    const refusal =
      r.status === "appealed"
        ? takeStep("appealed", "overturn", {
            now,
            actor: reader,
            urgency: r.urgency,
            deniedBy: r.deniedBy,
            appealSpecialties: reviewSettingsOf(r.policyId).appealSpecialties,
          })
        : undefined;
    return {
      reference: r.reference,
      viaPas: viaPas.get(r.reference),
      patientName: r.patientName,
      service: serviceText(serviceOf(policy, answers)),
      diagnosis: diagnosisText(policy, answers) ?? "—",
      reading: determinationLabel(policy, r.determination),
      serviceDate: r.serviceDate,
      retrospective: r.retrospective,
      urgency: URGENCY_LABELS[r.urgency],
      dueAt: r.dueAt,
      timeLeft: isUndecided(r.status) ? timeLeft(r.dueAt, now) : "Closed",
      waiting:
        r.status === "more-information" ? "Waiting for the physician; clock running" : undefined,
      extension: r.extendedAt ? `Extended: ${r.extensionReason ?? ""}` : undefined,
      status: STATE_LABELS[r.status],
      appeal: r.appealedAt !== null,
      appealNote:
        refusal && !refusal.ok ? `You may not decide this appeal. ${refusal.reason}` : undefined,
      assignedTo: r.assignedTo ? personText(people.get(r.assignedTo)!) : undefined,
      assignable:
        REVIEW_ROLES.includes(reader.role) && isUndecided(r.status) && r.assignedTo !== reader.id,
    };
  });
}

/** The policies whose appeals a medical director of this specialty may decide. */
export const policiesWhoseAppealsFit = (specialty: string | null) =>
  policies.entries
    .map((e) => e.package.meta.id)
    .filter((id) => {
      const needed = reviewSettingsOf(id).appealSpecialties;
      return needed.length === 0 || (specialty !== null && needed.includes(specialty));
    });
