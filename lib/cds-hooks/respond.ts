import "server-only";
import { policyTitle } from "@/lib/policy/engine/policy-title";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/database";
import { questionnaireCanonical } from "@/lib/fhir/canonical";
import { errorOutcome, operationOutcome } from "@/lib/fhir/outcomes";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { problemLines, readJson } from "@/lib/http/read-json";
import { logger } from "@/lib/log/logger";
import { answerForCpt, type EhrPrefill } from "@/lib/policy/engine/ehr-codes";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { documentHref } from "@/lib/server/policy-links";
import { policies } from "@/lib/server/policies";
import { priorAuthCodes } from "@/lib/server/prior-auth-codes";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import { env } from "@/lib/env";
import { coverageCard } from "./card";
import { COVERAGE_INFORMATION, coverageInformation } from "./coverage-information";
import { parseHookRequest, type HookCall } from "./hook-request";
import { isObject } from "@/lib/http/parse-json";
import { governing, type Governed } from "./governing";
import { createLaunch, LAUNCH_MINUTES, launchUrl } from "./launches";
import { activeCoverage, ehrCodes } from "./prefetch";
import type { CdsService } from "./services";

/** A hook call with its prefetched resources. */
const HOOK_BODY = { mediaTypes: ["application/json"], maxBytes: 1024 * 1024 };

/** A hook's error: CRD 2.1 §Hooks asks for an OperationOutcome with the 4xx. */
export function hookError(
  status: number,
  diagnostics: string | string[],
  headers: HeadersInit = {},
) {
  return Response.json(errorOutcome(status, diagnostics), {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

/** The hook's body as JSON (CDS Hooks 2.0: application/json), or the 4xx that says why not. */
export async function readHookBody(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const read = await readJson(request, HOOK_BODY);
  if (read.ok) return { ok: true, body: read.value };
  return { ok: false, response: hookError(read.problem.status, problemLines(read.problem)) };
}

/**
 * What the EHR already records: the service from the order's CPT code, and what the package reads
 * from the prefetched conditions and procedures (proposals with the codes behind them, and hints;
 * rules-0261.md r3). A proposal the case does not ask (a diagnosis for an HPC boost) is not kept.
 */
function prefill(call: HookCall, governed: Governed): EhrPrefill {
  const { policy } = governed;
  const service = answerForCpt(policy, governed.cpt);
  const read = policies.readEhr(policy.id)(ehrCodes(call.prefetch, call.patientId));
  const answers = { ...read.answers, ...(service ? { [service.field]: service.value } : {}) };
  const ignored = new Set(evaluate(policy, answers).ignored.map((i) => i.field));
  const kept = (field: string) => !ignored.has(field);
  return {
    answers: Object.fromEntries(Object.entries(answers).filter(([field]) => kept(field))),
    evidence: Object.fromEntries(Object.entries(read.evidence).filter(([field]) => kept(field))),
    hints: read.hints,
  };
}

/** The cards and system actions for a hook call an authenticated client made. */
export async function respondToHook(
  db: Db,
  service: CdsService,
  body: unknown,
  clientId: string,
  now = new Date(),
  /** The plan's list of codes that need prior authorization; null while none is configured. */
  priorAuth: ReadonlySet<string> | null = priorAuthCodes(),
): Promise<Response> {
  const parsed = parseHookRequest(service, body);
  if (!parsed.ok)
    return Response.json(operationOutcome(parsed.issues), {
      status: 400,
      headers: { "Cache-Control": "no-store" },
    });
  const { call } = parsed;
  // CRD 2.1 §Hook configuration: the EHR turned coverage information off.
  if (call.configuration["coverage-info"] === false)
    return Response.json(
      { cards: [], systemActions: [] },
      { headers: { "Cache-Control": "no-store" } },
    );

  const governed = call.orders
    .map((order) => governing(policies, order))
    .filter((g): g is Governed => g !== undefined);
  // Without the plan's list, nothing is asserted either way: a policy's text alone never says
  // whether a code needs prior authorization (rules-0261.md r3).
  if (governed.length && !priorAuth)
    logger.warn(
      { event: "crd.not-configured", cpt: governed.map((g) => g.cpt) },
      "PRIOR_AUTH_CODES is not set: no coverage information returned",
    );
  if (governed.length === 0 || !priorAuth)
    return Response.json(
      { cards: [], systemActions: [] },
      { headers: { "Cache-Control": "no-store" } },
    );
  const coverage = activeCoverage(call.prefetch, call.patientId);
  if (!coverage.ok) return hookError(400, coverage.problem);

  const origin = env().APP_URL.replace(/\/+$/, "");
  const base = serverFhirBase();
  const date = now.toISOString().slice(0, 10);
  const cards = [];
  const systemActions = [];
  for (const g of governed) {
    const { policy } = g;
    const needed = priorAuth.has(g.cpt);
    const policyUrl = `${origin}${documentHref(policy.id)}`;
    const title = policyTitle(policy.meta);
    const assertionId = randomUUID();
    // A governed code not on the plan's list gets no card, only coverage-information: no-auth.
    if (needed) {
      const read = prefill(call, g);
      const launch = await createLaunch(db, { clientId, policyId: policy.id, prefill: read }, now);
      cards.push(
        coverageCard({
          order: g.order.reference,
          cpt: g.cpt,
          serviceLabel: g.service,
          policyShortName: policy.meta.shortName,
          policyTitle: title,
          publisher: policy.meta.publisher,
          policyUrl,
          launchUrl: launchUrl(launch),
          launchMinutes: LAUNCH_MINUTES,
          // In the questionnaire's order.
          prefilled: policy.questions.filter((q) => q.field in read.answers).map((q) => q.subject),
          hints: read.hints.length,
          reviewOverdueNotice: reviewOverdueNotice(policy, now),
          uuid: randomUUID(),
        }),
      );
    }
    const extension = coverageInformation({
      hook: call.hook,
      coverage: coverage.reference,
      cpt: g.cpt,
      serviceLabel: g.service,
      policyTitle: title,
      policyUrl,
      questionnaire: questionnaireCanonical(base, policy),
      assertionId,
      date,
      priorAuthorization: needed ? "auth-needed" : "no-auth",
    });
    systemActions.push({
      type: "update",
      description: needed
        ? `Record on ${g.order.reference} that the plan requires prior authorization for CPT ${g.cpt} (${policy.meta.shortName}).`
        : `Record on ${g.order.reference} that the plan does not require prior authorization for CPT ${g.cpt} (${policy.meta.shortName}).`,
      resource: {
        ...g.order.resource,
        // A coverage-information about the same Coverage (this service's, before) is replaced;
        // any other is kept.
        extension: [
          ...(g.order.resource.extension ?? []).filter(
            (e) =>
              e.url !== COVERAGE_INFORMATION ||
              !(
                Array.isArray(e.extension) &&
                e.extension.some(
                  (s) =>
                    isObject(s) &&
                    s.url === "coverage" &&
                    isObject(s.valueReference) &&
                    s.valueReference.reference === coverage.reference,
                )
              ),
          ),
          extension,
        ],
      },
    });
    logger.info(
      {
        event: "crd.coverage-information",
        hook: call.hook,
        cpt: g.cpt,
        policy: policy.id,
        priorAuthorization: needed,
        assertionId,
        clientId,
      },
      "coverage information returned",
    );
  }
  return Response.json({ cards, systemActions }, { headers: { "Cache-Control": "no-store" } });
}
