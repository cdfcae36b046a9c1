import type {
  Bundle,
  OperationOutcomeIssue,
  Parameters,
  QuestionnaireResponse,
} from "@medplum/fhirtypes";
import { questionnaireCanonical, questionnaireUrl } from "@/lib/fhir/canonical";
import { policyQuestionnaire } from "@/lib/fhir/questionnaire";
import {
  issueAt,
  operationOutcome,
  outcomeIssue,
  type IssueCode,
  type IssueSeverity,
} from "@/lib/fhir/outcomes";
import { answersToResponse } from "@/lib/fhir/questionnaire-response";
import { expandedValueSet, policyValueSets } from "@/lib/fhir/value-sets";
import { answerForCpt } from "@/lib/policy/engine/ehr-codes";
import type { Policy } from "@/lib/policy/engine/types";
import type { PolicyRegistry } from "@/lib/policy/registry";
import { followUpBundle, followUpUrl, type FollowUp } from "./follow-up";
import { INFORMATION_ORIGIN, PACKAGE_BUNDLE_PROFILE, QR_CONTEXT } from "./structure-definitions";
import type { PackageInput, PackageOrder } from "./package-input";

// Pure: DTR's Questionnaire/$questionnaire-package (DTR STU 2.1) over the policy registry. One
// PackageBundle per Questionnaire: the Questionnaire first, the ValueSets of its coded questions
// expanded, and a draft QuestionnaireResponse whose only answer is the service, read from the
// order's CPT code (answerForCpt, as the CRD launch reads it) and marked as auto-populated by the
// payer. The rest is the EHR's to answer.

export { INFORMATION_ORIGIN, QR_CONTEXT } from "./structure-definitions";

export type PackageResult =
  | { ok: true; parameters: Parameters; packaged: string[] }
  | { ok: false; status: 400 | 404; issues: OperationOutcomeIssue[] };

const issue = (
  severity: IssueSeverity,
  code: IssueCode,
  diagnostics: string,
  expression?: string,
): OperationOutcomeIssue =>
  expression
    ? issueAt(expression, diagnostics, code, severity)
    : outcomeIssue(code, diagnostics, { severity });

/** The policy version a canonical URL names: its version, or the one in force today. */
export function resolveQuestionnaire(registry: PolicyRegistry, base: string, canonical: string) {
  const [url, version, ...rest] = canonical.split("|");
  if (rest.length) return undefined;
  const entry = registry.entries.find((e) => questionnaireUrl(base, e.package.meta) === url);
  return entry ? registry.getPolicy(entry.package.meta.id, version) : undefined;
}

/** The policy governing a CPT code (the version in force today: an order's date is not read), if a listed one does. */
const governing = (registry: PolicyRegistry, cpt: string) => {
  const service = registry.serviceForCpt(cpt);
  const judged = service && registry.policyOn(service.policyId, undefined);
  return judged?.ok ? judged.policy : undefined;
};

/** A Questionnaire version has changed when its rules were last revised (its `date`). */
const lastChanged = (policy: Policy) => new Date(`${policy.rulesRevisionDate}T00:00:00Z`);

export function questionnairePackage(
  registry: PolicyRegistry,
  base: string,
  input: PackageInput,
  now: Date,
  /** The follow-up questions of the DTR context ids the input gave (the route found them). */
  followUps: readonly FollowUp[] = [],
): PackageResult {
  const selected = new Map<string, Policy>();
  const select = (policy: Policy) => selected.set(`${policy.id}|${policy.version}`, policy);
  const warnings: OperationOutcomeIssue[] = [];
  const unknown: OperationOutcomeIssue[] = [];
  for (const { canonical, path } of input.questionnaires) {
    const policy = resolveQuestionnaire(registry, base, canonical);
    if (policy) select(policy);
    else
      unknown.push(
        issue(
          "warning",
          "not-found",
          `no Questionnaire here has the canonical ${canonical.slice(0, 200)}; GET /api/fhir/Questionnaire lists them`,
          path,
        ),
      );
  }
  // The orders pick their policy's Questionnaire too (the payer decides what is needed for them).
  const ordersOf = new Map<string, { order: PackageOrder; cpt: string }[]>();
  for (const order of input.orders) {
    const governed = order.cpts.flatMap((cpt) => {
      const policy = governing(registry, cpt);
      return policy ? [{ cpt, policy }] : [];
    });
    if (governed.length === 0)
      warnings.push(
        issue(
          "warning",
          "not-supported",
          `carries no CPT code a policy here governs${order.cpts.length ? ` (${order.cpts.join(", ")})` : ""}: no documentation is asked for it`,
          order.path,
        ),
      );
    for (const { cpt, policy } of governed) {
      select(policy);
      const list = ordersOf.get(policy.id) ?? [];
      list.push({ order, cpt });
      ordersOf.set(policy.id, list);
    }
  }
  if (selected.size === 0 && followUps.length === 0 && unknown.length)
    return {
      ok: false,
      status: 404,
      issues: unknown.map((u) => ({ ...u, severity: "error" })),
    };

  const parameters: NonNullable<Parameters["parameter"]> = [];
  const notes: OperationOutcomeIssue[] = [];
  const packaged: string[] = [];
  for (const policy of selected.values()) {
    const canonical = questionnaireCanonical(base, policy);
    const orders = ordersOf.get(policy.id) ?? [];
    const services = new Map<string, { field: string; value: string | number | boolean }>();
    for (const { cpt } of orders) {
      const answer = answerForCpt(policy, cpt);
      if (answer) services.set(String(answer.value), answer);
    }
    if (services.size > 1)
      return {
        ok: false,
        status: 400,
        issues: [
          issue(
            "error",
            "invalid",
            `the orders ask for ${orders.map((o) => `CPT ${o.cpt}`).join(" and ")}: one service per request, so ask for one package per order`,
            orders.at(-1)!.order.path,
          ),
        ],
      };
    if (input.changedSince && input.changedSince >= lastChanged(policy)) {
      notes.push(
        issue(
          "information",
          "informational",
          `The Questionnaire ${canonical} has not changed since ${input.changedSince.toISOString()}: keep the package you have.`,
        ),
      );
      continue;
    }
    const service = [...services.values()][0];
    parameters.push({
      name: "PackageBundle",
      resource: packageBundle(base, policy, input, orders, service, now),
    });
    packaged.push(canonical);
    notes.push(
      issue(
        "information",
        "informational",
        `The Questionnaire ${canonical} is packaged with the ValueSets of its coded questions, expanded${service ? `; the service is answered from the order's CPT code, marked as auto-populated` : ""}.`,
      ),
    );
  }
  for (const followUp of followUps) {
    parameters.push({
      name: "PackageBundle",
      resource: followUpBundle(base, followUp, input.coverage, now),
    });
    packaged.push(followUpUrl(base, followUp.contextId));
    notes.push(
      issue(
        "information",
        "informational",
        `The follow-up questions of DTR context ${followUp.contextId} are packaged: answer them and send the response with $submit-attachment under the request's attachment control number.`,
      ),
    );
  }
  if (selected.size === 0 && followUps.length === 0)
    notes.push(
      issue(
        "information",
        "informational",
        "None of the orders is for a service a policy here governs: no documentation is asked for them.",
      ),
    );
  parameters.push({
    name: "outcome",
    resource: operationOutcome([...unknown, ...warnings, ...notes]),
  });
  return { ok: true, parameters: { resourceType: "Parameters", parameter: parameters }, packaged };
}

function packageBundle(
  base: string,
  policy: Policy,
  input: PackageInput,
  orders: { order: PackageOrder }[],
  service: { field: string; value: string | number | boolean } | undefined,
  now: Date,
): Bundle {
  const questionnaire = policyQuestionnaire(base, policy, now);
  const valueSets = policyValueSets(base, policy).map((v) =>
    expandedValueSet(base, policy, v, now),
  );
  return {
    resourceType: "Bundle",
    meta: { profile: [PACKAGE_BUNDLE_PROFILE] },
    type: "collection",
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: `${base}/Questionnaire/${questionnaire.id}`, resource: questionnaire },
      ...valueSets.map((resource) => ({ fullUrl: `${base}/ValueSet/${resource.id}`, resource })),
      {
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: draftResponse(base, policy, input, orders, service, now),
      },
    ],
  };
}

/**
 * The draft response: the Coverage and the orders as its context (DTR qr-context), the patient of
 * the Coverage as its subject, and at most one answer (the service), auto-populated by the payer
 * (DTR information-origin). meta.lastUpdated is when the package was made: a DTR client resuming
 * this response sends it back as changedsince.
 */
export function draftResponse(
  base: string,
  policy: Policy,
  input: PackageInput,
  orders: { order: PackageOrder }[],
  service: { field: string; value: string | number | boolean } | undefined,
  now: Date,
): QuestionnaireResponse {
  const context = [
    input.coverage.reference,
    ...new Set(orders.flatMap(({ order }) => (order.reference ? [order.reference] : []))),
  ];
  const response = answersToResponse(
    policy,
    service ? { [service.field]: service.value } : {},
    "in-progress",
    base,
    {
      meta: { lastUpdated: now.toISOString() },
      extension: context.map((reference) => ({ url: QR_CONTEXT, valueReference: { reference } })),
      subject: { reference: input.coverage.beneficiary },
      authored: now.toISOString(),
    },
  );
  const { item: items = [], ...rest } = response;
  if (items.length === 0) return rest;
  return {
    ...rest,
    item: items.map((item) => ({
      ...item,
      answer: item.answer?.map((answer) => ({
        ...answer,
        extension: [
          {
            url: INFORMATION_ORIGIN,
            extension: [{ url: "source", valueCode: "auto" }],
          },
        ],
      })),
    })),
  };
}
