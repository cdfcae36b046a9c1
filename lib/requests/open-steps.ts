import type { Role } from "@/lib/request-model/roles";
import type { PolicyRules } from "@/lib/policy/engine/types";
import type { HistoryEntry } from "./case-history";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";
import {
  takeStep,
  type RequestState,
  type Step,
  type StepContext,
} from "@/lib/request-model/state-machine";
import type { StoredRequest } from "./request-row";

type CaseRequest = Pick<
  StoredRequest,
  "status" | "urgency" | "extendedAt" | "physicianId" | "determination" | "policyId"
>;

/** What the state machine reads of a case besides its state, for this reader. */
export function stepContext(
  request: CaseRequest,
  entries: readonly HistoryEntry[],
  user: { id: string; role: Role; specialty?: string | null },
  /** The policy version the request is judged under: its reading's tone. */
  policy: Pick<PolicyRules, "determinations">,
  now = new Date(),
): StepContext {
  const denial = latestDenial(entries);
  return {
    now,
    actor: user,
    urgency: request.urgency,
    extendedAt: request.extendedAt,
    deniedAt: denial?.at,
    deniedBy: denial?.actor.id,
    reading: policy.determinations.find((d) => d.value === request.determination)?.tone,
    appealSpecialties: reviewSettingsOf(request.policyId).appealSpecialties,
  };
}

/** Why the reader of `context` may not take `step` from `state` now, or undefined when they may. */
export function whyNot(step: Step, state: RequestState, context: StepContext): string | undefined {
  const taken = takeStep(state, step, context);
  return taken.ok ? undefined : taken.reason;
}

/** The request's denial, if it has one (a denial is final: there is at most one). */
const latestDenial = (entries: readonly HistoryEntry[]) =>
  entries.findLast((e) => e.kind === "decision" && e.action === "deny");
