import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/request-model/roles";
import {
  REQUEST_STATES,
  stepsOpen,
  takeStep,
  type RequestState,
  type Step,
  type StepContext,
} from "./state-machine";

const NOW = new Date("2026-11-27T12:00:00.000Z");
const ACTORS: Record<Role, StepContext["actor"]> = {
  physician: { role: "physician", id: "physician-1" },
  reviewer: { role: "reviewer", id: "reviewer-2" },
  "medical-director": { role: "medical-director", id: "director-2", specialty: "transplant" },
  admin: { role: "admin", id: "admin-1" },
};
const reviewer = (id = "reviewer-2"): StepContext["actor"] => ({ role: "reviewer", id });
const director = (id = "director-2", specialty = "transplant"): StepContext["actor"] => ({
  role: "medical-director",
  id,
  specialty,
});
const physician = ACTORS.physician;
const context = (actor: StepContext["actor"], more: Partial<StepContext> = {}): StepContext => ({
  now: NOW,
  actor,
  urgency: "standard",
  deniedAt: "2026-11-20T12:00:00.000Z",
  deniedBy: "director-1",
  reading: "approve",
  appealSpecialties: ["hematology/oncology", "transplant"],
  ...more,
});

const P = "physician";
const R = "reviewer";
const D = "medical-director";

// Every legal step, with the roles that may take it and where it leads; every other state, step
// and role is refused, with a sentence saying why.
const LEGAL: [RequestState, Step, Role[], RequestState][] = [
  ["pending", "approve", [R, D], "approved"],
  ["pending", "deny", [D], "denied"],
  ["pending", "recommend-denial", [R], "awaiting-medical-director"],
  ["pending", "request-information", [R, D], "more-information"],
  ["pending", "withdraw", [P], "withdrawn"],
  ["pending", "extend", [R, D], "pending"],
  ["more-information", "reply", [P], "information-received"],
  ["more-information", "withdraw", [P], "withdrawn"],
  ["more-information", "extend", [R, D], "more-information"],
  ["information-received", "approve", [R, D], "approved"],
  ["information-received", "deny", [D], "denied"],
  ["information-received", "recommend-denial", [R], "awaiting-medical-director"],
  ["information-received", "request-information", [R, D], "more-information"],
  ["information-received", "withdraw", [P], "withdrawn"],
  ["information-received", "extend", [R, D], "information-received"],
  ["awaiting-medical-director", "approve", [D], "approved"],
  ["awaiting-medical-director", "deny", [D], "denied"],
  ["awaiting-medical-director", "request-information", [D], "more-information"],
  ["awaiting-medical-director", "withdraw", [P], "withdrawn"],
  ["awaiting-medical-director", "extend", [R, D], "awaiting-medical-director"],
  ["denied", "appeal", [P], "appealed"],
  ["appealed", "uphold", [D], "appeal-upheld"],
  ["appealed", "overturn", [D], "appeal-overturned"],
];
const STEPS: Step[] = [
  "approve",
  "deny",
  "recommend-denial",
  "request-information",
  "reply",
  "withdraw",
  "extend",
  "appeal",
  "uphold",
  "overturn",
];

describe("the request state machine, every role × step × state", () => {
  it.each(
    REQUEST_STATES.flatMap((state) =>
      STEPS.flatMap((step) => ROLES.map((role) => [state, step, role] as const)),
    ),
  )("%s, %s by %s", (state, step, role) => {
    const legal = LEGAL.find(([s, t, by]) => s === state && t === step && by.includes(role));
    const result = takeStep(state, step, context(ACTORS[role]));
    expect(result).toEqual(
      legal ? { ok: true, to: legal[3] } : expect.objectContaining({ ok: false }),
    );
    if (!result.ok) expect(result.reason).toMatch(/\.$/);
  });

  it("names every legal step in the table", () => {
    for (const [state, step, roles] of LEGAL)
      for (const role of roles) expect(takeStep(state, step, context(ACTORS[role])).ok).toBe(true);
  });
});

describe("the request state machine's refusals", () => {
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
    [
      "a reviewer withdrawing",
      "pending",
      "withdraw",
      context(reviewer()),
      /Only the request's physician can withdraw/,
    ],
    [
      "a reviewer denying (a reviewer recommends; a medical director denies)",
      "pending",
      "deny",
      context(reviewer()),
      /Only a medical director can deny a request: a reviewer recommends a denial/,
    ],
    [
      "a reviewer approving a reading that is not medically necessary",
      "pending",
      "approve",
      context(reviewer(), { reading: "deny" }),
      /only a medical director can approve or deny it/,
    ],
    [
      "a reviewer approving an outside-policy reading",
      "information-received",
      "approve",
      context(reviewer(), { reading: "refer" }),
      /only a medical director can approve or deny it/,
    ],
    [
      "a reviewer deciding a request whose denial they recommended",
      "awaiting-medical-director",
      "approve",
      context(reviewer()),
      /only a medical director can decide it now/,
    ],
    [
      "a medical director recommending (they decide)",
      "pending",
      "recommend-denial",
      context(director()),
      /Only a reviewer can recommend a denial/,
    ],
    [
      "a reviewer deciding an appeal",
      "appealed",
      "overturn",
      context(reviewer()),
      /Only a medical director can decide an appeal/,
    ],
    [
      "an appeal decided by the medical director who denied",
      "appealed",
      "overturn",
      context(director("director-1")),
      /another medical director must/,
    ],
    [
      "an appeal decided by a medical director of another specialty",
      "appealed",
      "uphold",
      context(director("director-3", "cardiology")),
      /decided by a medical director in hematology\/oncology or transplant; your recorded specialty is cardiology/,
    ],
    [
      "an appeal decided by a medical director with no recorded specialty",
      "appealed",
      "uphold",
      context({ role: "medical-director", id: "director-4", specialty: null }),
      /your recorded specialty is none/,
    ],
    [
      "an administrator taking a review step",
      "pending",
      "approve",
      context(ACTORS.admin),
      /An administrator manages accounts and takes no review step/,
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
  ])("refuses %s, saying why", (_name, state, step, ctx, reason) => {
    const result = takeStep(state, step, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("lets any medical director decide an appeal when the policy names no specialty", () => {
    expect(
      takeStep(
        "appealed",
        "overturn",
        context(director("director-3", "cardiology"), { appealSpecialties: [] }),
      ),
    ).toEqual({ ok: true, to: "appeal-overturned" });
  });

  it("offers each actor only the steps open to them", () => {
    expect(stepsOpen("pending", context(reviewer()))).toEqual([
      "approve",
      "recommend-denial",
      "request-information",
      "extend",
    ]);
    expect(stepsOpen("pending", context(reviewer(), { reading: "deny" }))).toEqual([
      "recommend-denial",
      "request-information",
      "extend",
    ]);
    expect(stepsOpen("pending", context(director()))).toEqual([
      "approve",
      "deny",
      "request-information",
      "extend",
    ]);
    expect(stepsOpen("awaiting-medical-director", context(reviewer()))).toEqual(["extend"]);
    expect(stepsOpen("pending", context(physician))).toEqual(["withdraw"]);
    expect(stepsOpen("awaiting-medical-director", context(physician))).toEqual(["withdraw"]);
    expect(stepsOpen("denied", context(physician))).toEqual(["appeal"]);
    expect(stepsOpen("appealed", context(director("director-1")))).toEqual([]);
    expect(stepsOpen("appealed", context(director("director-2", "hematology/oncology")))).toEqual([
      "uphold",
      "overturn",
    ]);
    expect(stepsOpen("pending", context(ACTORS.admin))).toEqual([]);
    // A request an EHR sent over PAS is pended like any other (the EHR answers over CDex).
    expect(stepsOpen("pending", context(reviewer()))).toContain("request-information");
  });
});
