import type { Role } from "@/lib/auth/roles";
import type { HistoryEntry } from "./case-history";
import { stepsOpen, type Step, type StepContext } from "./state-machine";
import { submittedBySystem } from "./submitter";
import type { StoredRequest } from "./repository";

/** What the state machine reads besides the state, for `user` on this request now. */
export function stepContext(
  request: Pick<StoredRequest, "urgency" | "extendedAt" | "physicianId">,
  entries: readonly HistoryEntry[],
  user: { id: string; role: Role },
  now = new Date(),
): StepContext {
  const denial = entries.findLast((e) => e.kind === "decision" && e.action === "deny");
  return {
    now,
    actor: { role: user.role === "physician" ? "physician" : "reviewer", id: user.id },
    urgency: request.urgency,
    extendedAt: request.extendedAt,
    deniedAt: denial?.at,
    deniedBy: denial?.actor.id,
    answerableHere: !submittedBySystem(request.physicianId),
  };
}

/** The steps `user` may take on the request now: the forms its page offers, the API's "steps". */
export function openSteps(
  request: Pick<StoredRequest, "status" | "urgency" | "extendedAt" | "physicianId">,
  entries: readonly HistoryEntry[],
  user: { id: string; role: Role },
  now = new Date(),
): Step[] {
  return stepsOpen(request.status, stepContext(request, entries, user, now));
}
