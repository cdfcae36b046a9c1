import { describe, expect, it } from "vitest";
import {
  REQUEST_STATES,
  stepsOpen,
  takeStep,
  type RequestState,
  type Step,
  type StepContext,
} from "./state-machine";

const NOW = new Date("2026-11-27T12:00:00.000Z");
const reviewer = (id = "reviewer-2"): StepContext["actor"] => ({ role: "reviewer", id });
const physician: StepContext["actor"] = { role: "physician", id: "physician-1" };
const context = (actor: StepContext["actor"], more: Partial<StepContext> = {}): StepContext => ({
  now: NOW,
  actor,
  urgency: "standard",
  deniedAt: "2026-11-20T12:00:00.000Z",
  deniedBy: "reviewer-1",
  ...more,
});

// Every legal step, with the actor who takes it and where it leads; every other pair is refused.
const LEGAL: [RequestState, Step, RequestState][] = [
  ["pending", "approve", "approved"],
  ["pending", "deny", "denied"],
  ["pending", "request-information", "more-information"],
  ["pending", "withdraw", "withdrawn"],
  ["pending", "extend", "pending"],
  ["more-information", "reply", "information-received"],
  ["more-information", "withdraw", "withdrawn"],
  ["more-information", "extend", "more-information"],
  ["information-received", "approve", "approved"],
  ["information-received", "deny", "denied"],
  ["information-received", "request-information", "more-information"],
  ["information-received", "withdraw", "withdrawn"],
  ["information-received", "extend", "information-received"],
  ["denied", "appeal", "appealed"],
  ["appealed", "uphold", "appeal-upheld"],
  ["appealed", "overturn", "appeal-overturned"],
];
const STEPS: Step[] = [
  "approve",
  "deny",
  "request-information",
  "reply",
  "withdraw",
  "extend",
  "appeal",
  "uphold",
  "overturn",
];
const PHYSICIAN_STEPS: Step[] = ["reply", "withdraw", "appeal"];
const actorOf = (step: Step) => (PHYSICIAN_STEPS.includes(step) ? physician : reviewer());

describe("the request state machine", () => {
  it.each(REQUEST_STATES.flatMap((state) => STEPS.map((step) => [state, step] as const)))(
    "%s, %s",
    (state, step) => {
      const legal = LEGAL.find(([s, t]) => s === state && t === step);
      const result = takeStep(state, step, context(actorOf(step)));
      expect(result).toEqual(
        legal ? { ok: true, to: legal[2] } : expect.objectContaining({ ok: false }),
      );
      if (!result.ok) expect(result.reason).toMatch(/\.$/);
    },
  );

  it.each<[string, RequestState, Step, StepContext, RegExp]>([
    [
      "deciding a withdrawn request",
      "withdrawn",
      "approve",
      context(reviewer()),
      /withdrawn cannot be approved/,
    ],
    [
      "appealing an approval",
      "approved",
      "appeal",
      context(physician),
      /approved cannot be appealed/,
    ],
    [
      "appealing twice",
      "appeal-upheld",
      "appeal",
      context(physician),
      /appeal upheld cannot be appealed/,
    ],
    ["a physician deciding", "pending", "approve", context(physician), /Only a reviewer/],
    ["a reviewer withdrawing", "pending", "withdraw", context(reviewer()), /Only a physician/],
    [
      "an appeal decided by the reviewer who denied",
      "appealed",
      "overturn",
      context(reviewer("reviewer-1")),
      /another reviewer must/,
    ],
    [
      "an appeal after 180 days",
      "denied",
      "appeal",
      context(physician, { deniedAt: "2026-05-01T00:00:00.000Z" }),
      /within 180 days; this one was 210 days ago/,
    ],
    [
      "extending an expedited request",
      "pending",
      "extend",
      context(reviewer(), { urgency: "expedited" }),
      /Only a standard/,
    ],
    [
      "extending twice",
      "pending",
      "extend",
      context(reviewer(), { extendedAt: "2026-11-26T00:00:00.000Z" }),
      /already extended once/,
    ],
    [
      "pending a request an EHR sent over PAS (nobody could answer it here)",
      "information-received",
      "request-information",
      context(reviewer(), { answerableHere: false }),
      /came from the physician's EHR over PAS.*approve or deny it/,
    ],
  ])("refuses %s, saying why", (_name, state, step, ctx, reason) => {
    const result = takeStep(state, step, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("offers each actor only the steps open to them", () => {
    expect(stepsOpen("pending", context(reviewer()))).toEqual([
      "approve",
      "deny",
      "request-information",
      "extend",
    ]);
    expect(stepsOpen("pending", context(physician))).toEqual(["withdraw"]);
    expect(stepsOpen("denied", context(physician))).toEqual(["appeal"]);
    expect(stepsOpen("appealed", context(reviewer("reviewer-1")))).toEqual([]);
    expect(stepsOpen("pending", context(reviewer(), { answerableHere: false }))).toEqual([
      "approve",
      "deny",
      "extend",
    ]);
  });
});
