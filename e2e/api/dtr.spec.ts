import fc from "fast-check";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { countRows } from "../e2e-database";
import { accessToken, requestToken, signedBy, tokenUrl } from "../ehr-clients";
import { contentType, hostileBody, hostileJson, mutate } from "../hostile";
import { hookRequest } from "../../test/ehr-samples";

// DTR's payer operations (issue 20, item 7) against next start: a DTR client fetches the
// questionnaire package the CRD card names, expands its ValueSets and reports errors; every
// refusal is an OperationOutcome and stores nothing.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FHIR_JSON = { "content-type": "application/fhir+json" };
const PACKAGE = "/api/fhir/Questionnaire/$questionnaire-package";
const LOG_ERRORS = "/api/fhir/Questionnaire/$log-questionnaire-errors";
const EXPAND = "/api/fhir/ValueSet/$expand";
const CPT = "http://www.ama-assn.org/go/cpt";
const INFORMATION_ORIGIN =
  "http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/information-origin";
const COVERAGE_INFORMATION =
  "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";
const DTR_SCOPES = "system/Questionnaire.rs system/ValueSet.rs system/Library.rs";

// The refusals count what the operations store: this file's tests run one after another.
test.describe.configure({ mode: "serial" });
const dtrRows = () => countRows(`SELECT count(*) AS n FROM audit_events WHERE action LIKE 'dtr.%'`);
const requestRows = () => countRows(`SELECT count(*) AS n FROM requests`);

const coverage = {
  name: "coverage",
  resource: {
    resourceType: "Coverage",
    id: "cov-dtr-1",
    status: "active",
    beneficiary: { reference: "Patient/dtr-patient" },
    payor: [{ reference: "Organization/payer" }],
  },
};
const order = (cpt: string) => ({
  name: "order",
  resource: {
    resourceType: "ServiceRequest",
    id: `order-${cpt}`,
    status: "draft",
    intent: "order",
    code: { coding: [{ system: CPT, code: cpt }] },
    subject: { reference: "Patient/dtr-patient" },
  },
});
const parameters = (...parameter: object[]) => ({ resourceType: "Parameters", parameter });

const post = (request: APIRequestContext, path: string, token: string | null, body: unknown) =>
  request.post(path, {
    data: typeof body === "string" ? body : JSON.stringify(body),
    headers: { ...FHIR_JSON, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

const bundlesOf = (result: Json): Json[] =>
  result.parameter.filter((p: Json) => p.name === "PackageBundle").map((p: Json) => p.resource);
const outcomeOf = (result: Json): Json =>
  result.parameter.find((p: Json) => p.name === "outcome").resource;
const entriesOf = (bundle: Json, type: string): Json[] =>
  bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === type);

test("SMART: a DTR client gets the v2 scopes; a v1 registration grants either spelling; a PAS client none", async ({
  request,
  baseURL,
}) => {
  const asked = async (who: "dtr" | "dtrV1" | "memorial", scope: string) =>
    requestToken(request, baseURL!, await signedBy(baseURL!, who, tokenUrl(baseURL!)), scope);
  const v2 = await asked("dtr", DTR_SCOPES);
  expect(v2.status()).toBe(200);
  expect((await v2.json()).scope).toBe(DTR_SCOPES);
  const either = await asked("dtrV1", "system/Questionnaire.rs system/ValueSet.read");
  expect(either.status()).toBe(200);
  const pas = await asked("memorial", "system/Questionnaire.rs");
  expect(pas.status()).toBe(400);
  expect((await pas.json()).error).toBe("invalid_scope");
  const smart = await (await request.get("/.well-known/smart-configuration")).json();
  expect(smart.scopes_supported).toEqual(expect.arrayContaining(DTR_SCOPES.split(" ")));
  expect(smart.capabilities).toContain("permission-v2");
  const metadata = await (await request.get("/api/fhir/metadata")).json();
  const operations = (type: string) =>
    metadata.rest[0].resource.find((r: Json) => r.type === type).operation.map((o: Json) => o.name);
  expect(operations("Questionnaire")).toEqual([
    "questionnaire-package",
    "log-questionnaire-errors",
  ]);
  expect(operations("ValueSet")).toEqual(["expand"]);
});

test("the CRD card's questionnaire → its package: the Questionnaire, its ValueSets expanded, a draft with the service only", async ({
  request,
  baseURL,
}) => {
  // The EHR's order-sign hook names the Questionnaire in coverage-information.
  const hooked = await request.post("/cds-services/coverage-order-sign", {
    data: hookRequest({ cpt: "38243" }),
    headers: {
      authorization: `Bearer ${await signedBy(baseURL!, "memorial", `${baseURL}/cds-services/coverage-order-sign`)}`,
      "content-type": "application/json",
    },
  });
  expect(hooked.status()).toBe(200);
  const information = (await hooked.json()).systemActions[0].resource.extension.find(
    (e: Json) => e.url === COVERAGE_INFORMATION,
  );
  const canonical = information.extension.find((e: Json) => e.url === "questionnaire")
    .valueCanonical as string;
  expect(canonical).toBe(`${baseURL}/api/fhir/Questionnaire/coverage-policy-0261|2021-07-15`);

  const before = dtrRows();
  const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
  const response = await post(
    request,
    PACKAGE,
    token,
    parameters(coverage, { name: "questionnaire", valueCanonical: canonical }, order("38243")),
  );
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/fhir+json");
  const result = await response.json();
  expect(result.resourceType).toBe("Parameters");
  const bundles = bundlesOf(result);
  expect(bundles).toHaveLength(1);
  const bundle = bundles[0]!;
  expect(bundle.type).toBe("collection");
  // The Questionnaire first: the one served at its canonical URL.
  const served = await (await request.get(canonical.split("|")[0]!)).json();
  expect(bundle.entry[0].resource).toEqual(served);
  // Each ValueSet resolves at its URL, expanded as $expand expands it.
  const valueSets = entriesOf(bundle, "ValueSet");
  expect(valueSets).toHaveLength(5);
  for (const valueSet of valueSets) {
    expect(valueSet.expansion.contains.length).toBeGreaterThan(1);
    const read = await request.get(valueSet.url);
    expect(read.status(), valueSet.url).toBe(200);
    const expanded = await (
      await request.get(`${EXPAND}?url=${encodeURIComponent(valueSet.url)}`)
    ).json();
    expect(expanded.expansion.contains).toEqual(valueSet.expansion.contains);
  }
  const service = valueSets.find((v) => v.id === "coverage-policy-0261-service")!;
  expect(service.expansion.contains.map((c: Json) => c.code)).toEqual(["dli", "hpc-boost"]);
  // The draft: this patient and order, the service from CPT 38243, marked auto-populated.
  const [draft] = entriesOf(bundle, "QuestionnaireResponse");
  expect(draft).toMatchObject({
    questionnaire: canonical,
    status: "in-progress",
    subject: { reference: "Patient/dtr-patient" },
  });
  expect(draft!.extension.map((e: Json) => e.valueReference.reference)).toEqual([
    "Coverage/cov-dtr-1",
    "ServiceRequest/order-38243",
  ]);
  expect(draft!.item).toHaveLength(1);
  expect(draft!.item[0]).toMatchObject({
    linkId: "service",
    answer: [
      {
        valueCoding: { code: "hpc-boost" },
        extension: [{ url: INFORMATION_ORIGIN, extension: [{ url: "source", valueCode: "auto" }] }],
      },
    ],
  });
  // The evaluation reads the draft as an HPC boost with the next question still to answer.
  const evaluated = await (
    await request.post("/api/evaluate", { data: JSON.stringify(draft), headers: FHIR_JSON })
  ).json();
  expect(evaluated).toMatchObject({ determination: "incomplete", nextQuestion: "priorTransplant" });
  expect(outcomeOf(result).issue[0]).toMatchObject({ severity: "information" });
  // One audit row naming the client and what it was given; nothing about the patient.
  expect(dtrRows()).toBe(before + 1);
  const detail = countRows(
    `SELECT count(*) AS n FROM audit_events WHERE action = 'dtr.questionnaire-package' AND detail_json LIKE ? AND detail_json NOT LIKE '%dtr-patient%'`,
    `%DTR client%${canonical}%`,
  );
  expect(detail).toBe(1);

  // The order alone (no canonical), with a v1 token: the same Questionnaire, the service DLI.
  const v1 = await accessToken(request, baseURL!, "dtrV1", "system/Questionnaire.read");
  const byOrder = await (
    await post(request, PACKAGE, v1, parameters(coverage, order("38242")))
  ).json();
  const [dli] = entriesOf(bundlesOf(byOrder)[0]!, "QuestionnaireResponse");
  expect(dli!.item[0].answer[0].valueCoding.code).toBe("dli");
});

test("changedsince: a client resuming its draft is told the package has not changed", async ({
  request,
  baseURL,
}) => {
  const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
  const first = await (
    await post(request, PACKAGE, token, parameters(coverage, order("38242")))
  ).json();
  const [draft] = entriesOf(bundlesOf(first)[0]!, "QuestionnaireResponse");
  const again = await post(
    request,
    PACKAGE,
    token,
    parameters(coverage, order("38242"), {
      name: "changedsince",
      valueInstant: draft!.meta.lastUpdated,
    }),
  );
  expect(again.status()).toBe(200);
  const unchanged = await again.json();
  expect(bundlesOf(unchanged)).toEqual([]);
  expect(outcomeOf(unchanged).issue[0].diagnostics).toContain("has not changed since");
  const older = await (
    await post(
      request,
      PACKAGE,
      token,
      parameters(coverage, order("38242"), {
        name: "changedsince",
        valueInstant: "2020-01-01T00:00:00Z",
      }),
    )
  ).json();
  expect(bundlesOf(older)).toHaveLength(1);
});

test("$questionnaire-package refusals: each an OperationOutcome saying what and where, nothing stored", async ({
  request,
  baseURL,
}) => {
  const before = [dtrRows(), requestRows()];
  const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
  const valueSetOnly = await accessToken(request, baseURL!, "dtr", "system/ValueSet.rs");
  const pasToken = await accessToken(request, baseURL!, "memorial");
  // A real CRD launch id, from a card: never a DTR context.
  const hooked = await (
    await request.post("/cds-services/coverage-order-sign", {
      data: hookRequest(),
      headers: {
        authorization: `Bearer ${await signedBy(baseURL!, "memorial", `${baseURL}/cds-services/coverage-order-sign`)}`,
        "content-type": "application/json",
      },
    })
  ).json();
  const launch = new URL(hooked.cards[0].links[0].url).searchParams.get("launch")!;
  const valid = parameters(coverage, order("38242"));

  const cases: [string, string | null, unknown, number, RegExp][] = [
    ["no token", null, valid, 401, /access token/],
    ["a PAS client's token", pasToken, valid, 403, /system\/Questionnaire\.read/],
    ["a token without Questionnaire", valueSetOnly, valid, 403, /system\/Questionnaire\.read/],
    ["not JSON", token, "{coverage", 400, /not valid JSON/],
    [
      "not Parameters",
      token,
      { resourceType: "Bundle" },
      400,
      /Parameters: the body must be a Parameters/,
    ],
    ["no coverage", token, parameters(order("38242")), 400, /coverage is required/],
    [
      "a Coverage without its patient",
      token,
      parameters(
        { name: "coverage", resource: { resourceType: "Coverage", id: "c" } },
        order("38242"),
      ),
      400,
      /parameter\[0\]\.resource\.beneficiary\.reference: the Coverage's beneficiary/,
    ],
    [
      "an unknown canonical",
      token,
      parameters(coverage, {
        name: "questionnaire",
        valueCanonical: `${baseURL}/api/fhir/Questionnaire/nothing`,
      }),
      404,
      /parameter\[1\]\.valueCanonical: no Questionnaire here/,
    ],
    [
      "an unknown version",
      token,
      parameters(coverage, {
        name: "questionnaire",
        valueCanonical: `${baseURL}/api/fhir/Questionnaire/coverage-policy-0261|1999-01-01`,
      }),
      404,
      /no Questionnaire here/,
    ],
    [
      "a CRD launch id as context",
      token,
      parameters(coverage, { name: "context", valueString: launch }),
      404,
      /no open request for more information with this DTR context id \(a CRD launch id is never one\)/,
    ],
    [
      "a context id this server never issued",
      token,
      parameters(coverage, { name: "context", valueString: "dtr-1" }, order("38242")),
      404,
      /no open request for more information with this DTR context id/,
    ],
    [
      "two services at once",
      token,
      parameters(coverage, order("38242"), order("38243")),
      400,
      /one service per request/,
    ],
    [
      "a bad changedsince",
      token,
      parameters(coverage, order("38242"), { name: "changedsince", valueInstant: "last week" }),
      400,
      /valueInstant: must be an instant/,
    ],
  ];
  for (const [what, bearer, body, status, message] of cases) {
    const response = await post(request, PACKAGE, bearer, body);
    expect(response.status(), what).toBe(status);
    const outcome = await response.json();
    expect(outcome.resourceType, what).toBe("OperationOutcome");
    expect(outcome.issue.map((i: Json) => i.diagnostics).join(" "), what).toMatch(message);
  }
  const wrongType = await request.post(PACKAGE, {
    data: "x",
    headers: { "content-type": "text/plain", authorization: `Bearer ${token}` },
  });
  expect(wrongType.status()).toBe(415);
  const get = await request.get(PACKAGE);
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
  expect([dtrRows(), requestRows()]).toEqual(before);
});

test("ValueSet/$expand: by url and version, GET and POST; unknown or missing → 4xx", async ({
  request,
  baseURL,
}) => {
  const url = `${baseURL}/api/fhir/ValueSet/coverage-policy-0261-dli-indication`;
  const get = await request.get(
    `${EXPAND}?url=${encodeURIComponent(url)}&valueSetVersion=2021-07-15`,
  );
  expect(get.status()).toBe(200);
  expect(get.headers()["access-control-allow-origin"]).toBe("*");
  const expanded = await get.json();
  expect(expanded).toMatchObject({ resourceType: "ValueSet", url, version: "2021-07-15" });
  expect(expanded.expansion.total).toBe(expanded.expansion.contains.length);
  const system = await (await request.get(expanded.compose.include[0].system)).json();
  expect(expanded.expansion.contains.map((c: Json) => [c.code, c.display])).toEqual(
    system.concept.map((c: Json) => [c.code, c.display]),
  );
  const posted = await post(
    request,
    EXPAND,
    null,
    parameters({ name: "url", valueUri: `${url}|2021-07-15` }),
  );
  expect(posted.status()).toBe(200);
  expect((await posted.json()).expansion.contains).toEqual(expanded.expansion.contains);
  for (const [path, status, message] of [
    [
      `${EXPAND}?url=${encodeURIComponent(`${baseURL}/api/fhir/ValueSet/nothing`)}`,
      404,
      /No ValueSet/,
    ],
    [`${EXPAND}?url=${encodeURIComponent(url)}&valueSetVersion=1999`, 404, /version 1999/],
    [EXPAND, 400, /url: the ValueSet's canonical URL is required/],
    [`${EXPAND}?url=${encodeURIComponent(url)}&filter=x`, 400, /filter \(query\)/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(status);
    expect((await response.json()).issue[0].diagnostics, path).toMatch(message);
  }
  const notParameters = await post(request, EXPAND, null, { resourceType: "ValueSet" });
  expect(notParameters.status()).toBe(400);
  const search = await (
    await request.get(`/api/fhir/ValueSet?url=${encodeURIComponent(url)}`)
  ).json();
  expect(search).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 1 });
});

test("$log-questionnaire-errors: recorded without the issues' text; refusals store nothing", async ({
  request,
  baseURL,
}) => {
  const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
  const canonical = `${baseURL}/api/fhir/Questionnaire/coverage-policy-0261|2021-07-15`;
  const outcome = (issue: object[]) => ({
    name: "operationOutcome",
    resource: { resourceType: "OperationOutcome", issue },
  });
  const marker = "Qzx Errorpatient";
  const before = dtrRows();
  const logged = await post(
    request,
    LOG_ERRORS,
    token,
    parameters(
      { name: "questionnaire", valueCanonical: canonical },
      outcome([
        {
          severity: "error",
          code: "invalid",
          diagnostics: `${marker}: enableWhenExpression failed`,
        },
        { severity: "warning", code: "processing" },
      ]),
    ),
  );
  expect(logged.status()).toBe(200);
  const answer = await logged.json();
  expect(answer.resourceType).toBe("OperationOutcome");
  expect(answer.issue[0].diagnostics).toContain("Recorded 2 issues");
  expect(dtrRows()).toBe(before + 1);
  expect(
    countRows(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'dtr.questionnaire-errors' AND detail_json LIKE '%error:1 warning:1%'`,
    ),
  ).toBe(1);
  expect(
    countRows(`SELECT count(*) AS n FROM audit_events WHERE detail_json LIKE ?`, `%${marker}%`),
  ).toBe(0);

  for (const [what, bearer, body, status] of [
    ["no token", null, parameters(), 401],
    [
      "an unknown questionnaire",
      token,
      parameters(
        { name: "questionnaire", valueCanonical: `${baseURL}/api/fhir/Questionnaire/other|1` },
        outcome([{ severity: "error", code: "invalid" }]),
      ),
      404,
    ],
    ["no outcome", token, parameters({ name: "questionnaire", valueCanonical: canonical }), 400],
    [
      "an empty outcome",
      token,
      parameters({ name: "questionnaire", valueCanonical: canonical }, outcome([])),
      400,
    ],
    ["not Parameters", token, { resourceType: "OperationOutcome" }, 400],
  ] as const) {
    const response = await post(request, LOG_ERRORS, bearer, body);
    expect(response.status(), what).toBe(status);
    expect((await response.json()).resourceType, what).toBe("OperationOutcome");
  }
  expect(dtrRows()).toBe(before + 1);
});

test("DTR routes: hostile input never gets a 5xx, and only a package served is recorded", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const RUNS = Number(process.env.SWEEP_RUNS ?? 60);
  const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
  const handled = async (response: APIResponse, what: string) => {
    expect(response.status(), what).toBeLessThan(500);
    if (response.status() >= 400)
      expect((await response.json()).resourceType, what).toBe("OperationOutcome");
  };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(PACKAGE, LOG_ERRORS, EXPAND),
      hostileBody,
      contentType,
      async (path, body, type) => {
        const response = await request.post(path, {
          data: body,
          headers: { authorization: `Bearer ${token}`, "content-type": type },
        });
        await handled(response, `POST ${path} ${type}`);
      },
    ),
    { numRuns: RUNS },
  );
  // A valid package request with one member, anywhere in it, made hostile.
  const valid = parameters(
    coverage,
    order("38242"),
    {
      name: "questionnaire",
      valueCanonical: `${baseURL}/api/fhir/Questionnaire/coverage-policy-0261`,
    },
    { name: "changedsince", valueInstant: "2020-01-01T00:00:00Z" },
  );
  let served = 0;
  const before = dtrRows();
  await fc.assert(
    fc.asyncProperty(fc.nat(), hostileJson, async (pick, value) => {
      const response = await post(request, PACKAGE, token, mutate(valid, pick, value));
      await handled(response, `package with a hostile member #${pick}`);
      if (response.status() === 200) served++;
    }),
    { numRuns: RUNS * 2 },
  );
  expect(dtrRows() - before, "one audit row per package served, none per refusal").toBe(served);
});
