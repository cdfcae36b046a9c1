import "server-only";
import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { recordAudit } from "@/lib/audit/audit-log";
import { questionnaireCanonical } from "@/lib/fhir/canonical";
import { informationOutcome, issueAt } from "@/lib/fhir/outcomes";
import { expandedValueSet, policyValueSets } from "@/lib/fhir/value-sets";
import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { serverFhirBase } from "@/lib/http/fhir-base";
import {
  FHIR_BODY,
  fhirError,
  fhirJson,
  fhirMethodNotAllowed,
  fhirOutcome,
  fhirRefusal,
} from "@/lib/http/fhir-response";
import { readJson } from "@/lib/http/read-json";
import { isObject } from "@/lib/http/parse-json";
import { appContext } from "@/lib/server/app-context";
import { allVersions, policies } from "@/lib/server/policies";
import { requireScope } from "@/lib/smart/bearer";
import { clientActorId } from "@/lib/audit/actors";
import { SCOPES } from "@/lib/smart/scopes";
import { pendingItem } from "@/lib/requests/pend-items";
import type { FollowUp } from "./follow-up";
import { readLogErrorsInput } from "./log-errors";
import { questionnairePackage, resolveQuestionnaire } from "./package";
import { readPackageInput } from "./package-input";

// DTR STU 2.1's payer operations: Questionnaire/$questionnaire-package and
// $log-questionnaire-errors for SMART Backend Services clients (system/Questionnaire.rs or
// .read), ValueSet/$expand public as the CodeSystems it expands. Thin: the reading and the
// building are pure (lib/dtr, lib/fhir).

/** A route taking POST only, callable from a DTR client in a browser (bearer token, no cookie). */
const postOnly = (post: (request: Request) => Promise<Response>) => ({
  ...corsHandlers({ ...fhirMethodNotAllowed(["POST"], true), POST: post }),
  OPTIONS: () => corsPreflight(["POST"], ["Authorization", "Content-Type", "Accept"]),
});

/** POST /api/fhir/Questionnaire/$questionnaire-package. */
export const questionnairePackageRoute = postOnly(async (request) => {
  const auth = await requireScope(request, SCOPES.questionnaireRead);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, FHIR_BODY);
  if (!body.ok) return fhirRefusal(body.problem);
  const read = readPackageInput(body.value);
  if (!read.ok) return fhirOutcome(read.problems.issues);
  const { db } = await appContext();
  // A context id is one of this client's open 102089-0 pend items, or it is unknown: the answer
  // is the same for another client's, an answered one's, a made-up one and a CRD launch id.
  const followUps: FollowUp[] = [];
  for (const { id, path } of read.input.contexts) {
    const item = await pendingItem(db.kysely, auth.holder.clientId, { contextId: id });
    if (!item)
      return fhirError(
        404,
        "not-found",
        `${path}: this client has no open request for more information with this DTR context id (a CRD launch id is never one).`,
      );
    followUps.push({ contextId: id, criterion: item.criterion, question: item.question });
  }
  const result = questionnairePackage(
    policies,
    serverFhirBase(),
    read.input,
    new Date(),
    followUps,
  );
  if (!result.ok) return fhirOutcome(result.issues, result.status);
  await recordAudit(db.kysely, {
    actorId: clientActorId(auth.holder.clientId),
    action: "dtr.questionnaire-package",
    detail: {
      client: auth.holder.clientName,
      questionnaires: result.packaged.join(" "),
      changedSince: read.input.changedSince?.toISOString() ?? null,
    },
  });
  return fhirJson(result.parameters);
});

/** POST /api/fhir/Questionnaire/$log-questionnaire-errors: recorded, never patient data. */
export const logQuestionnaireErrorsRoute = postOnly(async (request) => {
  const auth = await requireScope(request, SCOPES.questionnaireRead);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, FHIR_BODY);
  if (!body.ok) return fhirRefusal(body.problem);
  const read = readLogErrorsInput(body.value);
  if (!read.ok) return fhirOutcome(read.problems.issues);
  const base = serverFhirBase();
  const policy = resolveQuestionnaire(policies, base, read.report.questionnaire);
  if (!policy)
    return fhirError(
      404,
      "not-found",
      `${read.report.path}: no Questionnaire here has this canonical; GET /api/fhir/Questionnaire lists them.`,
    );
  const questionnaire = questionnaireCanonical(base, policy);
  const { db } = await appContext();
  await recordAudit(db.kysely, {
    actorId: clientActorId(auth.holder.clientId),
    action: "dtr.questionnaire-errors",
    detail: {
      client: auth.holder.clientName,
      questionnaire,
      issues: read.report.issues,
      severities: read.report.severities,
      codes: read.report.codes,
    },
  });
  return fhirJson(
    informationOutcome(
      `Recorded ${read.report.issues} issue${read.report.issues === 1 ? "" : "s"} about ${questionnaire} (their severities and codes; their text is not kept).`,
    ),
  );
});

const EXPAND_INPUTS = ["url", "valueSetVersion"];

/** The url (|version allowed) and valueSetVersion of an $expand, from a query or Parameters. */
function expandInputs(values: [string, unknown, string][]) {
  const issues: OperationOutcomeIssue[] = [];
  const problem = (expression: string, diagnostics: string) =>
    issues.push(issueAt(expression, diagnostics));
  let url: string | undefined;
  let version: string | undefined;
  for (const [name, value, at] of values) {
    if (!EXPAND_INPUTS.includes(name)) {
      problem(
        at,
        `${JSON.stringify(name.slice(0, 60))} is not supported here (url, valueSetVersion)`,
      );
      continue;
    }
    if (typeof value !== "string" || value.length === 0 || value.length > 1000) {
      problem(at, `${name} must be a non-empty string`);
      continue;
    }
    if ((name === "url" ? url : version) !== undefined) {
      problem(at, `${name} is given more than once`);
      continue;
    }
    if (name === "url") url = value;
    else version = value;
  }
  if (url === undefined && issues.length === 0)
    problem("url", "the ValueSet's canonical URL is required (GET /api/fhir/ValueSet lists them)");
  return { url, version, issues };
}

function expand(url: string, version: string | undefined) {
  const [canonical, pinned] = url.split("|");
  if (pinned !== undefined && version !== undefined && pinned !== version)
    return fhirError(400, "invalid", `url names version ${pinned} and valueSetVersion ${version}.`);
  const wanted = pinned ?? version;
  const base = serverFhirBase();
  const current = new Set(policies.entries.map((e) => policies.getPolicy(e.package.meta.id)));
  for (const policy of allVersions()) {
    if (wanted === undefined ? !current.has(policy) : policy.version !== wanted) continue;
    const valueSet = policyValueSets(base, policy).find((v) => v.url === canonical);
    if (valueSet) return fhirJson(expandedValueSet(base, policy, valueSet, new Date()));
  }
  return fhirError(
    404,
    "not-found",
    `No ValueSet ${canonical}${wanted === undefined ? "" : ` version ${wanted}`}; GET /api/fhir/ValueSet lists them.`,
  );
}

/** GET and POST /api/fhir/ValueSet/$expand, by url (and valueSetVersion): public, like its CodeSystem. */
export const expandRoute = {
  ...corsHandlers({
    ...fhirMethodNotAllowed(["GET", "POST"], true),
    GET: (request: Request) => {
      const query = new URL(request.url).searchParams;
      const { url, version, issues } = expandInputs(
        [...query].map(([name, value]) => [name, value, `${name} (query)`]),
      );
      return issues.length || url === undefined ? fhirOutcome(issues) : expand(url, version);
    },
    POST: async (request: Request) => {
      const body = await readJson(request, FHIR_BODY);
      if (!body.ok) return fhirRefusal(body.problem);
      const parameters = body.value;
      if (!isObject(parameters) || parameters.resourceType !== "Parameters")
        return fhirError(400, "invalid", "Parameters: the body must be a Parameters resource.");
      const list = Array.isArray(parameters.parameter) ? parameters.parameter.slice(0, 20) : [];
      const { url, version, issues } = expandInputs(
        list.map((p: unknown, i) => {
          const at = `Parameters.parameter[${i}]`;
          if (!isObject(p) || typeof p.name !== "string") return ["(no name)", undefined, at];
          const value = p.name === "url" ? (p.valueUri ?? p.valueCanonical) : p.valueString;
          return [p.name, value, `${at}.${p.name === "url" ? "valueUri" : "valueString"}`];
        }),
      );
      return issues.length || url === undefined ? fhirOutcome(issues) : expand(url, version);
    },
  }),
  OPTIONS: () => corsPreflight(["GET", "POST"]),
};
