import "server-only";
import type * as z from "zod/mini";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/database";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { readCorrectedDate, readCorrection } from "@/lib/requests/correction";
import { readAttachments } from "@/lib/requests/read-attachments";
import type { NewAttachment } from "@/lib/requests/attachment-store";
import { findRequest } from "@/lib/requests/repository";
import { canRead } from "@/lib/requests/access";
import { caseHistory } from "@/lib/requests/case-history";
import { stepContext } from "@/lib/requests/open-steps";
import { STATE_LABELS, rolesOf, takeStep, type Step } from "@/lib/requests/state-machine";
import {
  appealRequest,
  decideAppeal,
  decideRequest,
  extendRequest,
  recommendDenial,
  refusalMessage,
  replyToRequest,
  withdrawRequest,
  type StepActor,
  type StepOutcome,
} from "@/lib/requests/transitions";
import { appContext } from "@/lib/server/app-context";
import { pendCriteriaIssues } from "@/lib/server/pend-criteria";
import { policies, policyOfRequest } from "@/lib/server/policies";
import { withRole } from "@/lib/server/with-role";
import {
  appealDecisionSchema,
  appealSchema,
  decisionStepSchema,
  extensionSchema,
  replySchema,
  withdrawalSchema,
} from "@/lib/validations/request-steps";
import { jsonError } from "./json-response";
import { readMessageBody } from "./read-message-body";

interface Context {
  db: Db;
  user: CurrentUser;
  reference: string;
  attachments: NewAttachment[];
}

type Run<S extends z.ZodMiniType> = (
  input: z.infer<S>,
  context: Context,
) => Promise<StepOutcome | { ok: false; issues: FieldIssue[] }>;

interface StepRoute<S extends z.ZodMiniType> {
  /** The state machine's steps this route can take: one must be open before the body is read. */
  steps: readonly Step[];
  /** Who may take it: the roles of its steps in the state machine (it decides the rest). */
  roles: readonly Role[];
  schema: S;
  /** Whether the step carries files (a reply, an appeal). */
  files: boolean;
  run: Run<S>;
}

const route = <S extends z.ZodMiniType>(step: Omit<StepRoute<S>, "roles">): StepRoute<S> => ({
  ...step,
  roles: [...new Set(step.steps.flatMap(rolesOf))],
});
const actorOf = (user: CurrentUser): StepActor => ({
  id: user.id,
  role: user.role,
  specialty: user.specialty,
});

/** The request and the policy version it is judged under, for a step that reads them. */
async function judged(db: Db, reference: string) {
  const request = await findRequest(db, reference);
  return request && { request, policy: policyOfRequest(request) };
}

/** Every step after the submission, by the last segment of its address. */
const STEPS = {
  decision: route({
    steps: ["approve", "deny", "recommend-denial", "request-information"],
    schema: decisionStepSchema,
    files: false,
    async run(
      { expectedVersion, action, rationale, criteria, documents, validTo, units },
      { db, user, reference },
    ) {
      const issues =
        action === "request-information"
          ? await pendCriteriaIssues(db, reference, criteria ?? [], user, documents)
          : documents !== undefined
            ? [{ path: "documents", message: "only a request for more information takes them" }]
            : [];
      if (issues.length) return { ok: false, issues };
      const found = await judged(db, reference);
      if (!found) return { ok: false, reason: "not-found" };
      const common = {
        reference,
        expectedVersion,
        rationale: rationale.trim(),
        actor: actorOf(user),
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
  reply: route({
    steps: ["reply"],
    schema: replySchema,
    files: true,
    async run(
      { expectedVersion, text, answers, serviceDate, retrospective },
      { db, user, reference, attachments },
    ) {
      const found = await judged(db, reference);
      if (!found || found.request.physicianId !== user.id)
        return { ok: false, reason: "not-found" };
      const corrected = readCorrection(found.request, found.policy, answers);
      if (corrected && "issues" in corrected) return corrected;
      const dateIssues = readCorrectedDate(policies, found.request, found.policy, serviceDate);
      if (dateIssues) return dateIssues;
      return replyToRequest(db, {
        reference,
        expectedVersion,
        physicianId: user.id,
        text: text.trim(),
        corrected,
        serviceDate: serviceDate
          ? { date: serviceDate, retrospective: retrospective === true }
          : undefined,
        attachments,
      });
    },
  }),
  withdrawal: route({
    steps: ["withdraw"],
    schema: withdrawalSchema,
    files: false,
    run: ({ expectedVersion, reason }, { db, user, reference }) =>
      withdrawRequest(db, {
        reference,
        expectedVersion,
        physicianId: user.id,
        reason: reason.trim(),
      }),
  }),
  extension: route({
    steps: ["extend"],
    schema: extensionSchema,
    files: false,
    run: ({ expectedVersion, days, reason }, { db, user, reference }) =>
      extendRequest(db, {
        reference,
        expectedVersion,
        actor: actorOf(user),
        days,
        reason: reason.trim(),
      }),
  }),
  appeal: route({
    steps: ["appeal"],
    schema: appealSchema,
    files: true,
    async run(
      { expectedVersion, reason, answers, expedited },
      { db, user, reference, attachments },
    ) {
      const found = await judged(db, reference);
      if (!found || found.request.physicianId !== user.id)
        return { ok: false, reason: "not-found" };
      const corrected = readCorrection(found.request, found.policy, answers);
      if (corrected && "issues" in corrected) return corrected;
      return appealRequest(db, {
        reference,
        expectedVersion,
        physicianId: user.id,
        reason: reason.trim(),
        attachments,
        corrected,
        expedited,
      });
    },
  }),
  "appeal-decision": route({
    steps: ["uphold", "overturn"],
    schema: appealDecisionSchema,
    files: false,
    async run({ expectedVersion, outcome, rationale, validTo, units }, { db, user, reference }) {
      const found = await judged(db, reference);
      if (!found) return { ok: false, reason: "not-found" };
      return decideAppeal(db, {
        reference,
        expectedVersion,
        actor: actorOf(user),
        policy: found.policy,
        outcome,
        rationale: rationale.trim(),
        authorization: { validTo, units },
      });
    },
  }),
};

export type RequestStepName = keyof typeof STEPS;

const invalid = (issues: readonly FieldIssue[]) =>
  jsonError(
    400,
    `${issues.length === 1 ? "1 field is" : `${issues.length} fields are`} not valid: ${[
      ...new Set(issues.map((i) => i.path)),
    ].join(", ")}. Nothing was saved.`,
    issues,
  );

async function parseStep(step: StepRoute<z.ZodMiniType>, request: Request) {
  const body = await readMessageBody(request);
  if (!body.ok) return { ok: false as const, error: body.response };
  if (!step.files && body.files.length > 0)
    return {
      ok: false as const,
      error: invalid([{ path: "files", message: "this step takes no files" }]),
    };
  const parsed = step.schema.safeParse(body.fields);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ path: key, message: "is not a field of this step" }))
          : [{ path: issue.path.map(String).join(".") || "(body)", message: issue.message }],
      );
  const files = await readAttachments(body.files);
  if (!files.ok) issues.push(...files.issues);
  if (issues.length || !parsed.success || !files.ok)
    return { ok: false as const, error: invalid(issues) };
  return { ok: true as const, value: { input: parsed.data, attachments: files.attachments } };
}

/**
 * POST /api/requests/{reference}/{step}: one step of the review loop, as JSON or (with files)
 * multipart/form-data. The browser's forms and integrations send the same thing. 200 with the
 * new state; 400 for a wrong field or file, 404 for a request the caller may not see, 409 when
 * the state machine refuses the step or the request changed since it was read.
 */
export async function requestStepRoute(
  request: Request,
  { params }: { params: Promise<{ reference: string; step: string }> },
): Promise<Response> {
  const { reference, step: name } = await params;
  if (!Object.hasOwn(STEPS, name))
    return jsonError(
      404,
      `There is no step "${name.slice(0, 40)}"; the steps are ${Object.keys(STEPS).join(", ")}.`,
    );
  const step = STEPS[name as RequestStepName] as StepRoute<z.ZodMiniType>;
  return withRole(
    step.roles,
    (r: Request) => ({ ok: true as const, value: r }),
    async (user, r): Promise<Response> => {
      const { db } = await appContext();
      // Whether this user may take this step on this request now, before a byte of the body is
      // read: a refused upload costs a lookup, not 50 MB of memory.
      const refused = await refusedBeforeReading(db, user, reference, step.steps);
      if (refused) return refused;
      const parsed = await parseStep(step, r);
      if (!parsed.ok) return parsed.error;
      const { input, attachments } = parsed.value;
      const result = await step.run(input, { db, user, reference, attachments });
      if ("issues" in result) return invalid(result.issues);
      if (!result.ok)
        return jsonError(result.reason === "not-found" ? 404 : 409, refusalMessage(result));
      return Response.json(
        {
          reference,
          status: result.status,
          statusLabel: STATE_LABELS[result.status],
          version: result.version,
        },
        { headers: { "Cache-Control": "no-store" } },
      );
    },
    {
      signedOut: () => jsonError(401, "Sign in first."),
      wrongRole: () =>
        jsonError(
          403,
          `Only ${step.roles.includes("physician") ? "the request's physician" : step.roles.map((r) => `a ${ROLE_LABELS[r]}`).join(" or ")} can take this step.`,
        ),
      invalid: (response: Response) => response,
    },
  )(request);
}

/**
 * The 404 or 409 a step gets when the request is not this user's to see, or none of the route's
 * steps is open in its state (the state machine's reason for the first of them): the same answers
 * the transition itself would give, given before the body is read.
 */
async function refusedBeforeReading(
  db: Db,
  user: CurrentUser,
  reference: string,
  steps: readonly Step[],
): Promise<Response | null> {
  const request = await findRequest(db, reference);
  if (!request || !canRead(user, request))
    return jsonError(404, refusalMessage({ ok: false, reason: "not-found" }));
  const { entries } = await caseHistory(db, request.id, reference);
  const context = stepContext(request, entries, user, policyOfRequest(request));
  if (steps.some((s) => takeStep(request.status, s, context).ok)) return null;
  const first = takeStep(request.status, steps[0]!, context);
  return jsonError(
    409,
    refusalMessage({
      ok: false,
      reason: "refused",
      message: first.ok ? "" : first.reason,
      status: request.status,
    }),
  );
}
