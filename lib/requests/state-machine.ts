// The life of a request, as one pure state machine (no I/O): the repository, the pages and the
// API ask it whether a step is allowed and where it leads, so every place says the same.
//
//   submitted → pending → approved
//                       → denied → appealed → appeal upheld
//                                           → appeal overturned (the request is approved)
//                       → information requested → information received → (decided as pending)
//                       → withdrawn (also from information requested or received)
//
// "more-information" is the stored name of "information requested" (rows written before the
// review loop already use it).

export const REQUEST_STATES = [
  "pending",
  "more-information",
  "information-received",
  "approved",
  "denied",
  "withdrawn",
  "appealed",
  "appeal-upheld",
  "appeal-overturned",
] as const;

export type RequestState = (typeof REQUEST_STATES)[number];

export const STATE_LABELS: Record<RequestState, string> = {
  pending: "Pending",
  "more-information": "Information requested",
  "information-received": "Information received",
  approved: "Approved",
  denied: "Denied",
  withdrawn: "Withdrawn",
  appealed: "Appealed",
  "appeal-upheld": "Denied, appeal upheld",
  "appeal-overturned": "Approved on appeal",
};

export type Step =
  | "approve"
  | "deny"
  | "request-information"
  | "reply"
  | "withdraw"
  | "extend"
  | "appeal"
  | "uphold"
  | "overturn";

export type Actor = "physician" | "reviewer";

const UNDECIDED: readonly RequestState[] = ["pending", "more-information", "information-received"];
/** Where a reviewer decides: a request waiting for the reviewer, not for the physician. */
const AWAITING_REVIEWER: readonly RequestState[] = ["pending", "information-received"];

const STEPS: Record<Step, { by: Actor; from: readonly RequestState[]; to: RequestState | null }> = {
  approve: { by: "reviewer", from: AWAITING_REVIEWER, to: "approved" },
  deny: { by: "reviewer", from: AWAITING_REVIEWER, to: "denied" },
  "request-information": { by: "reviewer", from: AWAITING_REVIEWER, to: "more-information" },
  reply: { by: "physician", from: ["more-information"], to: "information-received" },
  withdraw: { by: "physician", from: UNDECIDED, to: "withdrawn" },
  // The state stays; the due time moves.
  extend: { by: "reviewer", from: UNDECIDED, to: null },
  appeal: { by: "physician", from: ["denied"], to: "appealed" },
  uphold: { by: "reviewer", from: ["appealed"], to: "appeal-upheld" },
  overturn: { by: "reviewer", from: ["appealed"], to: "appeal-overturned" },
};

export const APPEAL_WINDOW_DAYS = 180;
export const MAX_EXTENSION_DAYS = 14;

/** What the rules of a step read besides the state. */
export interface StepContext {
  now: Date;
  actor: { role: Actor; id: string };
  urgency: "standard" | "expedited";
  /** When the request's due time was extended, if it was. */
  extendedAt?: string | null;
  /** When and by whom it was denied, if it was. */
  deniedAt?: string | null;
  deniedBy?: string | null;
  /** False for a request an EHR sent over PAS: nobody can answer a request for information here. */
  answerableHere?: boolean;
}

export type StepResult = { ok: true; to: RequestState } | { ok: false; reason: string };

const DAY = 86_400_000;

/** Whether `step` may be taken from `state`, and the state it leads to; why not, in a sentence. */
export function takeStep(state: RequestState, step: Step, context: StepContext): StepResult {
  const rule = STEPS[step];
  const label = STATE_LABELS[state].toLowerCase();
  if (context.actor.role !== rule.by)
    return { ok: false, reason: `Only a ${rule.by} can ${describe(step)}.` };
  if (!rule.from.includes(state))
    return { ok: false, reason: `A request that is ${label} cannot ${describe(step)}.` };
  if (step === "extend") {
    if (context.urgency !== "standard")
      return { ok: false, reason: "Only a standard request's due time can be extended." };
    if (context.extendedAt)
      return { ok: false, reason: "This request's due time was already extended once." };
  }
  if (step === "request-information" && context.answerableHere === false)
    return {
      ok: false,
      reason:
        "This request came from the physician's EHR over PAS, which cannot answer a request for more information here: approve or deny it, and contact the practice first if documents are missing.",
    };
  if (step === "appeal" && context.deniedAt) {
    const days = (context.now.getTime() - new Date(context.deniedAt).getTime()) / DAY;
    if (days > APPEAL_WINDOW_DAYS)
      return {
        ok: false,
        reason: `A denial can be appealed within ${APPEAL_WINDOW_DAYS} days; this one was ${Math.floor(days)} days ago.`,
      };
  }
  if ((step === "uphold" || step === "overturn") && context.deniedBy === context.actor.id)
    return {
      ok: false,
      reason: "The reviewer who denied a request cannot decide its appeal: another reviewer must.",
    };
  return { ok: true, to: rule.to ?? state };
}

function describe(step: Step): string {
  switch (step) {
    case "approve":
      return "be approved";
    case "deny":
      return "be denied";
    case "request-information":
      return "be pended for more information";
    case "reply":
      return "take a reply";
    case "withdraw":
      return "be withdrawn";
    case "extend":
      return "have its due time extended";
    case "appeal":
      return "be appealed";
    case "uphold":
    case "overturn":
      return "have an appeal decided";
  }
}

/** The steps this actor may take now: what the pages offer. */
export function stepsOpen(state: RequestState, context: StepContext): Step[] {
  return (Object.keys(STEPS) as Step[]).filter((s) => takeStep(state, s, context).ok);
}

/** Waiting for a reviewer: the queue's open cases. */
export const isOpen = (state: RequestState) =>
  state === "pending" || state === "information-received" || state === "appealed";
/** Waiting for anyone: the clock runs (it is not paused while the physician is asked). */
export const UNDECIDED_STATES: readonly RequestState[] = [...UNDECIDED, "appealed"];
export const isUndecided = (state: RequestState) => UNDECIDED_STATES.includes(state);
