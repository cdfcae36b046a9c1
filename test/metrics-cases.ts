// Requests with known histories for the metrics tests (vitest on both engines, and the e2e
// server's seed), played through the real submission and transitions at their own times.
import type { Db } from "@/lib/db/database";
import { submitRequest } from "@/lib/requests/repository";
import {
  appealRequest,
  decideAppeal,
  decideRequest,
  extendRequest,
  replyToRequest,
  withdrawRequest,
  type StepActor,
  type StepOutcome,
} from "@/lib/requests/transitions";
import { stepTime, type MetricsCase } from "./metrics-expected";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "./sample-submission";

export interface CaseActors {
  physicianId: string;
  /** Approves, asks for information, extends. */
  reviewer: StepActor;
  /** Denies. */
  director: StepActor;
  /** Decides appeals: a medical director other than the one who denied, of a listed specialty. */
  appealDirector: StepActor;
  memberId?: string;
}

/** Submits the case and takes each of its steps at its time; throws on any refusal. */
export async function playCase(db: Db, c: MetricsCase, actors: CaseActors): Promise<string> {
  const { reviewer, director, appealDirector } = actors;
  const stored = await submitRequest(
    db,
    actors.physicianId,
    {
      ...SAMPLE_SUBMISSION,
      urgency: c.urgency,
      memberId: actors.memberId ?? "METRICS-1",
      ...(c.ruleApproved ? { attestation: true } : {}),
    },
    SAMPLE_POLICY,
    new Date(c.submittedAt),
    c.ruleApproved ? { ruleApproval: { sample: () => false } } : {},
  );
  if (stored.ok && c.ruleApproved && stored.status !== "approved")
    throw new Error("A rule-approved metrics case was not approved by rule");
  if (!stored.ok) throw new Error(`A metrics case was not stored: ${stored.reason}`);
  const reference = stored.reference;
  // A rule approval took the request from version 1 to 2 at submission.
  let version = c.ruleApproved ? 2 : 1;
  for (const [action, at] of c.steps) {
    const now = stepTime(c, at);
    const base = { reference, expectedVersion: version };
    let outcome: StepOutcome;
    switch (action) {
      case "approve":
      case "deny":
      case "request-information":
        outcome = await decideRequest(
          db,
          {
            ...base,
            action,
            rationale: "Metrics case.",
            actor: action === "deny" ? director : reviewer,
            policy: SAMPLE_POLICY,
          },
          now,
        );
        break;
      case "reply":
        outcome = await replyToRequest(
          db,
          { ...base, physicianId: actors.physicianId, text: "Reply.", attachments: [] },
          now,
        );
        break;
      case "extend":
        outcome = await extendRequest(
          db,
          { ...base, actor: reviewer, days: 3, reason: "Awaiting records." },
          now,
        );
        break;
      case "appeal":
        outcome = await appealRequest(
          db,
          { ...base, physicianId: actors.physicianId, reason: "Appeal.", attachments: [] },
          now,
        );
        break;
      case "uphold":
      case "overturn":
        outcome = await decideAppeal(
          db,
          {
            ...base,
            actor: appealDirector,
            policy: SAMPLE_POLICY,
            outcome: action,
            rationale: "Appeal decided.",
          },
          now,
        );
        break;
      case "withdraw":
        outcome = await withdrawRequest(
          db,
          { ...base, physicianId: actors.physicianId, reason: "No longer needed." },
          now,
        );
        break;
    }
    if (!outcome.ok) throw new Error(`${action} on a metrics case: ${JSON.stringify(outcome)}`);
    version = outcome.version;
  }
  return reference;
}
