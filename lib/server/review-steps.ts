import "server-only";
import type * as z from "zod/mini";
import type { Role } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { canRead } from "@/lib/request-model/access";
import type { NewAttachment } from "@/lib/requests/attachment-store";
import { caseHistory } from "@/lib/requests/case-history";
import { readCorrectedDate, readCorrection } from "@/lib/requests/correction";
import { stepContext } from "@/lib/requests/open-steps";
import { readAttachments, type ReceivedFile } from "@/lib/requests/read-attachments";
import { findRequest } from "@/lib/requests/repository";
import { rolesOf, takeStep, type Step } from "@/lib/request-model/state-machine";
import {
  appealRequest,
  decideAppeal,
  decideRequest,
  extendRequest,
  recommendDenial,
  replyToRequest,
  withdrawRequest,
  type StepActor,
  type StepOutcome,
  type StepRefusal,
} from "@/lib/requests/transitions";
import {
  appealDecisionSchema,
  appealSchema,
  decisionStepSchema,
  extensionSchema,
  replySchema,
  withdrawalSchema,
} from "@/lib/validations/request-steps";
import { pendCriteriaIssues } from "./pend-criteria";
import { policies, policyOfRequest } from "./policies";

// Every step of the review loop after the submission, by the name the API and the forms post it
// under: the state machine's steps it takes, its fields, whether it carries files, and its write.
// The API route, and through it every form, takes a step here; adding a step is one entry below
// and one form. Who may take it is the state machine's to say (rolesOf), never spelled here.

type Take<S extends z.ZodMiniType> = (
  input: z.infer<S>,
  context: { db: Db; actor: StepActor; reference: string; attachments: NewAttachment[] },
) => Promise<StepOutcome>;

export interface ReviewStep<S extends z.ZodMiniType = z.ZodMiniType> {
  /** The state machine's steps this one can take: one must be open before the body is read. */
  steps: readonly Step[];
  /** Who may take it: the roles of its steps in the state machine (it decides the rest). */
  roles: readonly Role[];
  schema: S;
  /** Whether the step carries files (a reply, an appeal). */
  files: boolean;
  take: Take<S>;
}

const entry = <S extends z.ZodMiniType>(step: Omit<ReviewStep<S>, "roles">): ReviewStep<S> => ({
  ...step,
  roles: [...new Set(step.steps.flatMap(rolesOf))],
});

const invalid = (issues: FieldIssue[]): StepOutcome => ({ ok: false, reason: "invalid", issues });
const NOT_FOUND: StepOutcome = { ok: false, reason: "not-found" };

/** The request and the policy version it is judged under, for a step that reads them. */
async function judged(db: Db, reference: string) {
  const request = await findRequest(db, reference);
  return request && { request, policy: policyOfRequest(request) };
}

/** The physician's own request, for a step that corrects its answers (a reply, an appeal). */
async function corrected(
  db: Db,
  physicianId: string,
  reference: string,
  answers: Record<string, unknown> | undefined,
) {
  const found = await judged(db, reference);
  if (!found || !canRead({ id: physicianId, role: "physician" }, found.request))
    return { ok: false as const, outcome: NOT_FOUND };
  const correction = readCorrection(found.request, found.policy, answers);
  if (correction && "issues" in correction)
    return { ok: false as const, outcome: invalid(correction.issues) };
  return { ok: true as const, ...found, correction };
}

const REVIEW_STEPS = {
  decision: entry({
    steps: ["approve", "deny", "recommend-denial", "request-information"],
    schema: decisionStepSchema,
    files: false,
    async take(
      { expectedVersion, action, rationale, criteria, documents, validTo, units },
      { db, actor, reference },
    ) {
      const issues =
        action === "request-information"
          ? await pendCriteriaIssues(db, reference, criteria ?? [], actor, documents)
          : documents !== undefined
            ? [{ path: "documents", message: "only a request for more information takes them" }]
            : [];
      if (issues.length) return invalid(issues);
      const found = await judged(db, reference);
      if (!found) return NOT_FOUND;
      const common = {
        reference,
        expectedVersion,
        rationale: rationale.trim(),
        actor,
        policy: found.policy,
      };
      return action === "recommend-denial"
        ? recommendDenial(db, common)
        : decideRequest(db, {
            ...common,
            action,
            criteria,
            documents,
            authorization: { validTo, units },
          });
    },
  }),
  reply: entry({
    steps: ["reply"],
    schema: replySchema,
    files: true,
    async take(
      { expectedVersion, text, answers, serviceDate, retrospective },
      { db, actor, reference, attachments },
    ) {
      const found = await corrected(db, actor.id, reference, answers);
      if (!found.ok) return found.outcome;
      const { request, policy } = found;
      const dateIssues = readCorrectedDate(policies, request, policy, serviceDate);
      if (dateIssues) return invalid(dateIssues.issues);
      return replyToRequest(db, {
        reference,
        expectedVersion,
        physicianId: actor.id,
        text: text.trim(),
        corrected: found.correction,
        serviceDate: serviceDate
          ? { date: serviceDate, retrospective: retrospective === true }
          : undefined,
        attachments,
      });
    },
  }),
  withdrawal: entry({
    steps: ["withdraw"],
    schema: withdrawalSchema,
    files: false,
    take: ({ expectedVersion, reason }, { db, actor, reference }) =>
      withdrawRequest(db, {
        reference,
        expectedVersion,
        physicianId: actor.id,
        reason: reason.trim(),
      }),
  }),
  extension: entry({
    steps: ["extend"],
    schema: extensionSchema,
    files: false,
    take: ({ expectedVersion, days, reason }, { db, actor, reference }) =>
      extendRequest(db, { reference, expectedVersion, actor, days, reason: reason.trim() }),
  }),
  appeal: entry({
    steps: ["appeal"],
    schema: appealSchema,
    files: true,
    async take(
      { expectedVersion, reason, answers, expedited },
      { db, actor, reference, attachments },
    ) {
      const found = await corrected(db, actor.id, reference, answers);
      if (!found.ok) return found.outcome;
      return appealRequest(db, {
        reference,
        expectedVersion,
        physicianId: actor.id,
        reason: reason.trim(),
        attachments,
        corrected: found.correction,
        expedited,
      });
    },
  }),
  "appeal-decision": entry({
    steps: ["uphold", "overturn"],
    schema: appealDecisionSchema,
    files: false,
    async take({ expectedVersion, outcome, rationale, validTo, units }, { db, actor, reference }) {
      const found = await judged(db, reference);
      if (!found) return NOT_FOUND;
      return decideAppeal(db, {
        reference,
        expectedVersion,
        actor,
        policy: found.policy,
        outcome,
        rationale: rationale.trim(),
        authorization: { validTo, units },
      });
    },
  }),
};

export type ReviewStepName = keyof typeof REVIEW_STEPS;

/** Every step's name, as the API's addresses and the forms spell it. */
export const REVIEW_STEP_NAMES = Object.keys(REVIEW_STEPS) as ReviewStepName[];

/** Whether `name` (the last segment of a step's address) is a step's. */
export const isReviewStepName = (name: string): name is ReviewStepName =>
  Object.hasOwn(REVIEW_STEPS, name);

/** The step posted under `name`. */
export const reviewStep = (name: ReviewStepName): ReviewStep => REVIEW_STEPS[name] as ReviewStep;

/**
 * Why `actor` may not take the step `name` on the request now, or null when one of its steps is
 * open: the not-found or refusal the step itself would give (the state machine's reason for the
 * first of its steps), asked before a byte of the body is read, so a refused upload costs a
 * lookup.
 */
export async function reviewStepRefusal(
  db: Db,
  actor: StepActor,
  reference: string,
  name: ReviewStepName,
): Promise<StepRefusal | null> {
  const request = await findRequest(db, reference);
  if (!request || !canRead(actor, request)) return { ok: false, reason: "not-found" };
  const { entries } = await caseHistory(db, request.id, reference);
  const context = stepContext(request, entries, actor, policyOfRequest(request));
  const { steps } = reviewStep(name);
  if (steps.some((s) => takeStep(request.status, s, context).ok)) return null;
  const first = takeStep(request.status, steps[0]!, context);
  return {
    ok: false,
    reason: "refused",
    message: first.ok ? "" : first.reason,
    status: request.status,
  };
}

/**
 * `actor` takes the step `name` on a request, with the fields and files of the
 * message: its fields are checked against the step's schema and its files by their bytes (a
 * wrong one is `invalid`, with every issue, and nothing is written), then the step is taken in
 * one locked transaction (lib/requests/transitions.ts).
 */
export async function takeReviewStep(
  db: Db,
  actor: StepActor,
  reference: string,
  name: ReviewStepName,
  fields: Record<string, unknown>,
  files: readonly ReceivedFile[],
): Promise<StepOutcome> {
  const step = reviewStep(name);
  if (!step.files && files.length > 0)
    return invalid([{ path: "files", message: "this step takes no files" }]);
  const parsed = step.schema.safeParse(fields);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ path: key, message: "is not a field of this step" }))
          : [{ path: issue.path.map(String).join(".") || "(body)", message: issue.message }],
      );
  const read = await readAttachments(files);
  if (!read.ok) issues.push(...read.issues);
  if (issues.length || !parsed.success || !read.ok) return invalid(issues);
  return step.take(parsed.data, { db, actor, reference, attachments: read.attachments });
}
