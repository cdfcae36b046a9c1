// The life of a request, as one pure state machine (no I/O): the repository, the pages and the
// API ask it whether a step is allowed, by whom, and where it leads, so every place says the same.
//
//   submitted → pending → approved
//                       → denied → appealed → appeal upheld
//                                           → appeal overturned (the request is approved)
//                       → awaiting a medical director (a reviewer recommended a denial)
//                                           → approved / denied / information requested
//                       → information requested → information received → (decided as pending)
//                       → withdrawn (from any state before a decision)
//
// Who: a reviewer (clinical reviewer) asks for information, extends, approves a request whose
// reading is medically necessary, and recommends a denial. A request an EHR sent over PAS is
// pended like any other: the EHR answers it over CDex $submit-attachment (lib/cdex), as its
// submitter. Any adverse determination, the
// approval of any other reading, and every appeal are a medical director's (a physician reviewer:
// 42 CFR 422.566(d)); an appeal by one who did not deny it, with a specialty the policy names
// (422.590(g)). An administrator takes no review step. The physician replies, withdraws, appeals.
//
// "more-information" is the stored name of "information requested" (rows written before the
// review loop already use it).

import type { Role } from "@/lib/request-model/roles";
import type { DeterminationTone } from "@/lib/policy/engine/types";

export const REQUEST_STATES = [
  "pending",
  "more-information",
  "information-received",
  "awaiting-medical-director",
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
  "awaiting-medical-director": "Awaiting a medical director",
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
  | "recommend-denial"
  | "request-information"
  | "reply"
  | "withdraw"
  | "extend"
  | "appeal"
  | "uphold"
  | "overturn";

/** The roles that take steps (an administrator takes none). */
export type Actor = Exclude<Role, "admin">;

const UNDECIDED: readonly RequestState[] = [
  "pending",
  "more-information",
  "information-received",
  "awaiting-medical-director",
];
/** Where a decision is made: a request waiting for a reviewer or a director, not the physician. */
const AWAITING_DECISION: readonly RequestState[] = [
  "pending",
  "information-received",
  "awaiting-medical-director",
];

const REVIEWERS: readonly Actor[] = ["reviewer", "medical-director"];
const DIRECTORS: readonly Actor[] = ["medical-director"];
const PHYSICIAN: readonly Actor[] = ["physician"];

const STEPS: Record<
  Step,
  { by: readonly Actor[]; from: readonly RequestState[]; to: RequestState | null }
> = {
  approve: { by: REVIEWERS, from: AWAITING_DECISION, to: "approved" },
  deny: { by: DIRECTORS, from: AWAITING_DECISION, to: "denied" },
  "recommend-denial": {
    by: ["reviewer"],
    from: ["pending", "information-received"],
    to: "awaiting-medical-director",
  },
  "request-information": { by: REVIEWERS, from: AWAITING_DECISION, to: "more-information" },
  reply: { by: PHYSICIAN, from: ["more-information"], to: "information-received" },
  withdraw: { by: PHYSICIAN, from: UNDECIDED, to: "withdrawn" },
  // The state stays; the due time moves.
  extend: { by: REVIEWERS, from: UNDECIDED, to: null },
  appeal: { by: PHYSICIAN, from: ["denied"], to: "appealed" },
  uphold: { by: DIRECTORS, from: ["appealed"], to: "appeal-upheld" },
  overturn: { by: DIRECTORS, from: ["appealed"], to: "appeal-overturned" },
};

/** The roles that may take a step (the route's first check; the state machine decides the rest). */
export const rolesOf = (step: Step): readonly Role[] => STEPS[step].by;

export const APPEAL_WINDOW_DAYS = 180;
export const MAX_EXTENSION_DAYS = 14;

/** What the rules of a step read besides the state. */
export interface StepContext {
  now: Date;
  actor: { role: Role; id: string; specialty?: string | null };
  urgency: "standard" | "expedited";
  /** When the request's due time was extended, if it was. */
  extendedAt?: string | null;
  /** When and by whom it was denied, if it was. */
  deniedAt?: string | null;
  deniedBy?: string | null;
  /**
   * The tone of the request's reading now (its determination): a reviewer approves only an
   * "approve" reading. Unknown counts as any other.
   */
  reading?: DeterminationTone;
  /** The specialties a medical director needs to decide this request's appeal; none: any. */
  appealSpecialties?: readonly string[];
}

export type StepResult = { ok: true; to: RequestState } | { ok: false; reason: string };

const DAY = 86_400_000;

/** Whether `step` may be taken from `state`, and the state it leads to; why not, in a sentence. */
export function takeStep(state: RequestState, step: Step, context: StepContext): StepResult {
  const rule = STEPS[step];
  const label = STATE_LABELS[state].toLowerCase();
  const { role, id, specialty } = context.actor;
  const refuse = (reason: string): StepResult => ({ ok: false, reason });
  if (role === "admin")
    return refuse("An administrator manages accounts and takes no review step.");
  if (!rule.by.includes(role)) return refuse(onlyWho(step));
  if (!rule.from.includes(state))
    return refuse(`A request that is ${label} cannot ${passive(step)}.`);
  if (state === "awaiting-medical-director" && role === "reviewer" && step !== "extend")
    return refuse(
      "A denial was recommended for this request: only a medical director can decide it now.",
    );
  if (step === "approve" && role === "reviewer" && context.reading !== "approve")
    return refuse(
      "The policy does not read this request as medically necessary, so only a medical director can approve or deny it: recommend a denial, or ask for more information.",
    );
  if (step === "extend") {
    if (context.urgency !== "standard")
      return refuse("Only a standard request's due time can be extended.");
    if (context.extendedAt) return refuse("This request's due time was already extended once.");
  }
  if (step === "appeal" && context.deniedAt) {
    const days = (context.now.getTime() - new Date(context.deniedAt).getTime()) / DAY;
    if (days > APPEAL_WINDOW_DAYS)
      return refuse(
        `A denial can be appealed within ${APPEAL_WINDOW_DAYS} days; this one was ${Math.floor(days)} days ago.`,
      );
  }
  if (step === "uphold" || step === "overturn") {
    if (context.deniedBy === id)
      return refuse(
        "The medical director who denied a request cannot decide its appeal: another medical director must.",
      );
    const needed = context.appealSpecialties ?? [];
    if (needed.length > 0 && !needed.includes(specialty ?? ""))
      return refuse(
        `An appeal under this policy is decided by a medical director in ${needed.join(" or ")}; your recorded specialty is ${specialty ?? "none"}.`,
      );
  }
  return { ok: true, to: rule.to ?? state };
}

function onlyWho(step: Step): string {
  const by = STEPS[step].by;
  if (step === "deny")
    return "Only a medical director can deny a request: a reviewer recommends a denial, and a medical director decides it.";
  const who =
    by === PHYSICIAN
      ? "the request's physician"
      : by === DIRECTORS
        ? "a medical director"
        : by.length === 1
          ? `a ${by[0]}`
          : "a reviewer or a medical director";
  return `Only ${who} can ${active(step)}.`;
}

function active(step: Step): string {
  switch (step) {
    case "approve":
      return "approve a request";
    case "deny":
      return "deny a request";
    case "recommend-denial":
      return "recommend a denial";
    case "request-information":
      return "ask for more information";
    case "reply":
      return "reply to a request for information";
    case "withdraw":
      return "withdraw a request";
    case "extend":
      return "extend a due time";
    case "appeal":
      return "appeal a denial";
    case "uphold":
    case "overturn":
      return "decide an appeal";
  }
}

function passive(step: Step): string {
  switch (step) {
    case "approve":
      return "be approved";
    case "deny":
      return "be denied";
    case "recommend-denial":
      return "have a denial recommended";
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

/** Waiting for a reviewer or a medical director: the queue's open cases. */
export const isOpen = (state: RequestState) =>
  state === "pending" ||
  state === "information-received" ||
  state === "awaiting-medical-director" ||
  state === "appealed";
/** Waiting for anyone: the clock runs (it is not paused while the physician is asked). */
export const UNDECIDED_STATES: readonly RequestState[] = [...UNDECIDED, "appealed"];
export const isUndecided = (state: RequestState) => UNDECIDED_STATES.includes(state);
