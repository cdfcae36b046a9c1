import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { base64url, SignJWT } from "jose";
import type { APIRequestContext } from "@playwright/test";
import {
  accessToken,
  clientKeys,
  requestToken,
  signedBy,
  tokenUrl,
  type EhrClient,
} from "./ehr-clients";
import { FUTURE_AUTHORIZATION_END, FUTURE_SERVICE_DATE } from "../test/dates";
import { expect, test } from "./fixtures";
import {
  expectNoAxeViolations,
  answer,
  ALLOGENEIC,
  DIAGNOSIS,
  DLI,
  DLI_DONOR,
  DLI_INDICATION,
  next,
  openWizard,
  PRIOR,
  REGIMEN,
  SERVICE,
} from "./wizard-helpers";
import { queueRow, recordDecision, signIn } from "./workspace-helpers";
import {
  DLI_AML_RELAPSE,
  hookRequest,
  inquireBundle,
  SAMPLE_PDF,
  submitBundle,
  withDiagnoses,
  withDocuments,
  type HookSample,
} from "../test/ehr-samples";

// The EHR side of issue 14, against next start, on SQLite (project chromium) and PostgreSQL
// (chromium-postgres): SMART Backend Services, CRD over CDS Hooks 2.0, PAS $submit and $inquire.

const FHIR_JSON = { "content-type": "application/fhir+json" };
const SIGN = "coverage-order-sign";
const X12_306 = "https://codesystem.x12.org/005010/306";
const REVIEW_ACTION =
  "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction";

const memberId = () => `EHR-${randomUUID().slice(0, 8)}`;

async function hook(
  request: APIRequestContext,
  baseURL: string,
  body: unknown,
  {
    service = SIGN,
    who = "memorial" as EhrClient,
    jwt,
  }: { service?: string; who?: EhrClient; jwt?: string } = {},
) {
  const token = jwt ?? (await signedBy(baseURL, who, `${baseURL}/cds-services/${service}`));
  return request.post(`/cds-services/${service}`, {
    data: body,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
}

async function pas(
  request: APIRequestContext,
  operation: "$submit" | "$inquire",
  token: string,
  body: unknown,
) {
  return request.post(`/api/fhir/Claim/${operation}`, {
    data: body,
    headers: { ...FHIR_JSON, authorization: `Bearer ${token}` },
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const claimResponses = (bundle: Json): Json[] =>
  bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === "ClaimResponse");
const reviewCode = (cr: Json) =>
  cr.item[0].adjudication[0].extension
    .find((e: Json) => e.url === REVIEW_ACTION)
    .extension.find((e: Json) => e.url === "code").valueCodeableConcept.coding[0];

/** $inquire for a member, as Memorial: the requests of that member the client can see. */
async function inquire(
  request: APIRequestContext,
  baseURL: string,
  token: string,
  member: string,
  extra = {},
) {
  const response = await pas(
    request,
    "$inquire",
    token,
    inquireBundle({ appUrl: baseURL, memberId: member, ...extra }),
  );
  expect(response.status()).toBe(200);
  return claimResponses(await response.json());
}

test.describe("EHR integration (issue 14)", () => {
  test("discovery: SMART configuration, the CDS services, the CapabilityStatement's PAS operations", async ({
    request,
    baseURL,
  }) => {
    const smart = await (await request.get("/.well-known/smart-configuration")).json();
    expect(smart).toMatchObject({
      token_endpoint: tokenUrl(baseURL!),
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
      grant_types_supported: ["client_credentials"],
      scopes_supported: [
        "system/Claim.write",
        "system/ClaimResponse.read",
        "system/Questionnaire.read",
        "system/ValueSet.read",
        "system/Library.read",
        "system/Subscription.read",
        "system/Subscription.write",
        "system/Questionnaire.rs",
        "system/ValueSet.rs",
        "system/Library.rs",
        "system/Subscription.rs",
        "system/Subscription.cud",
      ],
    });
    const services = (await (await request.get("/cds-services")).json()).services;
    expect(services.map((s: Json) => [s.id, s.hook])).toEqual([
      ["coverage-order-select", "order-select"],
      ["coverage-order-sign", "order-sign"],
    ]);
    const metadata = await (await request.get("/api/fhir/metadata")).json();
    const claim = metadata.rest[0].resource.find((r: Json) => r.type === "Claim");
    expect(claim.operation.map((o: Json) => o.name)).toEqual(["submit", "inquire"]);
    expect(metadata.rest[0].security.extension[0].extension[0].valueUri).toBe(tokenUrl(baseURL!));
  });

  test("SMART Backend Services: a signed assertion gets a 5-minute bearer token for the registered scopes", async ({
    request,
    baseURL,
  }) => {
    const response = await requestToken(
      request,
      baseURL!,
      await signedBy(baseURL!, "memorial", tokenUrl(baseURL!)),
      "system/Claim.write",
    );
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({
      token_type: "bearer",
      expires_in: 300,
      scope: "system/Claim.write",
    });
  });

  test("the token endpoint refuses expired, wrong audience, unknown kid, replayed jti, alg none and HS256 with the public key, and scopes not registered", async ({
    request,
    baseURL,
  }) => {
    const aud = tokenUrl(baseURL!);
    const refused = async (assertion: string, scope = "system/Claim.write") => {
      const response = await requestToken(request, baseURL!, assertion, scope);
      expect(response.status(), await response.text()).toBeGreaterThanOrEqual(400);
      return { status: response.status(), ...(await response.json()) };
    };
    expect(
      await refused(await signedBy(baseURL!, "memorial", aud, { expiresIn: -30 })),
    ).toMatchObject({
      status: 401,
      error: "invalid_client",
      error_description: expect.stringMatching(/expired/),
    });
    expect(
      await refused(await signedBy(baseURL!, "memorial", "https://elsewhere.example/token")),
    ).toMatchObject({
      error: "invalid_client",
      error_description: expect.stringMatching(/aud must be/),
    });
    expect(
      await refused(await signedBy(baseURL!, "memorial", aud, { header: { kid: "no-such-key" } })),
    ).toMatchObject({ error_description: expect.stringMatching(/No registered key/) });
    const once = await signedBy(baseURL!, "memorial", aud);
    expect((await requestToken(request, baseURL!, once, "system/Claim.write")).status()).toBe(200);
    expect(await refused(once)).toMatchObject({
      error_description: expect.stringMatching(/jti was used before/),
    });
    const { clientId, kid } = clientKeys(baseURL!, "memorial");
    const claims = {
      iss: clientId,
      sub: clientId,
      aud,
      jti: randomUUID(),
      exp: Math.floor(Date.now() / 1000) + 60,
    };
    const none = `${base64url.encode(JSON.stringify({ alg: "none", kid }))}.${base64url.encode(JSON.stringify(claims))}.`;
    expect(await refused(none)).toMatchObject({
      error_description: expect.stringMatching(/only RS384 and ES384/),
    });
    const hs256 = await new SignJWT({ ...claims, jti: randomUUID() })
      .setProtectedHeader({ alg: "HS256", kid, typ: "JWT" })
      .sign(new TextEncoder().encode(JSON.stringify(clientKeys(baseURL!, "memorial").privateJwk)));
    expect(await refused(hs256)).toMatchObject({
      error_description: expect.stringMatching(/only RS384 and ES384/),
    });
    expect(
      await refused(await signedBy(baseURL!, "readOnly", aud), "system/Claim.write"),
    ).toMatchObject({ status: 400, error: "invalid_scope" });
    const wrongGrant = await request.post("/api/auth/token", {
      form: { grant_type: "password", scope: "x" },
    });
    expect([wrongGrant.status(), (await wrongGrant.json()).error]).toEqual([
      400,
      "unsupported_grant_type",
    ]);
    const json = await request.post("/api/auth/token", {
      data: { grant_type: "client_credentials" },
    });
    expect([json.status(), (await json.json()).error]).toEqual([400, "invalid_request"]);
  });

  test("CRD order-sign for CPT 38242: the card and the coverage-information system action; another code gets none", async ({
    request,
    baseURL,
  }) => {
    const response = await hook(request, baseURL!, hookRequest());
    expect(response.status()).toBe(200);
    const { cards, systemActions } = await response.json();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      summary:
        "Prior authorization required: Donor lymphocyte infusion (CPT 38242), Coverage Policy 0261",
      indicator: "info",
      source: { label: "Cigna", topic: { code: "coverage-info" } },
    });
    expect(cards[0].detail).toContain(
      "Cigna Medical Coverage Policy 0261: Donor Lymphocyte Infusion",
    );
    // rules-0261.md r3: the plan's list says prior authorization is needed; the policy says
    // what is medically necessary, never "covered"; the overdue review travels with the card.
    expect(cards[0].detail).toContain("The plan requires prior authorization for CPT 38242");
    expect(cards[0].detail).not.toMatch(/\bcovered\b/i);
    expect(cards[0].detail).toContain("June 15, 2022, has passed");
    expect(cards[0].links[0].url).toMatch(
      new RegExp(`^${baseURL}/ehr-launch\\?launch=[\\w-]{43}$`),
    );
    expect(systemActions).toHaveLength(1);
    expect(systemActions[0]).toMatchObject({
      type: "update",
      resource: { resourceType: "ServiceRequest", id: "draft-order-1" },
    });
    const info = systemActions[0].resource.extension.find(
      (e: Json) =>
        e.url === "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information",
    );
    const value = (url: string) => info.extension.find((e: Json) => e.url === url);
    expect(value("covered").valueCode).toBe("conditional");
    expect(value("pa-needed").valueCode).toBe("auth-needed");
    expect(value("doc-needed").valueCode).toBe("clinical");
    expect(value("questionnaire").valueCanonical).toBe(
      `${baseURL}/api/fhir/Questionnaire/coverage-policy-0261|2021-07-15`,
    );
    expect(value("coverage").valueReference.reference).toBe("Coverage/example-coverage");
    expect(value("reason").valueCodeableConcept.text).toContain("Medical Coverage Policy 0261");

    const other = await hook(request, baseURL!, hookRequest({ cpt: "38240" }));
    expect(await other.json()).toEqual({ cards: [], systemActions: [] });
    const select = await hook(
      request,
      baseURL!,
      hookRequest({ hook: "order-select", cpt: "38243" }),
      { service: "coverage-order-select" },
    );
    const selected = await select.json();
    expect(selected.cards[0].summary).toContain("CPT 38243");
    const selectInfo = selected.systemActions[0].resource.extension[0].extension.map(
      (e: Json) => e.url,
    );
    expect(selectInfo).not.toContain("doc-needed");
  });

  test("CPT 38241 alone gives a hint and no answer; each prefilled answer and hint shows its code, title and date", async ({
    page,
    request,
    baseURL,
  }) => {
    const sample: HookSample = { conditions: ["C92.02"], procedures: ["38241"] };
    const response = await hook(request, baseURL!, hookRequest(sample));
    const { cards } = await response.json();
    expect(cards[0].detail).toContain(
      "2 answers are filled in from the EHR (the service, the diagnosis), each marked for you to confirm with the code it came from. 2 hints from the EHR are shown beside the questions, never as answers.",
    );
    await openWizard(page, cards[0].links[0].url);
    await expect(page.getByText("2 answers were filled in from the EHR.")).toBeVisible();
    const confirm = page.getByRole("checkbox", { name: "I confirm this answer from the EHR" });
    await confirm.check();
    await next(page);

    const diagnosis = page.getByRole("group", { name: DIAGNOSIS });
    await expect(diagnosis).toContainText(
      "EHR code C92.02 “Acute myeloblastic leukemia” (2025-02-03)",
    );
    await confirm.check();
    await next(page);

    const indication = page.getByRole("group", { name: DLI_INDICATION });
    await expect(indication.getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(indication).toContainText(
      "EHR code C92.02 'in relapse': if this relapse occurred after the HSCT, answer Relapsed.",
    );
    await answer(page, [DLI_INDICATION, "Relapsed hematologic malignancy"]);
    await next(page);

    // An autologous HSCT on record is a hint, never a prefilled "Autologous HSCT only".
    const prior = page.getByRole("group", { name: PRIOR });
    await expect(prior.getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(prior.getByText(/From the EHR — confirm/)).toHaveCount(0);
    await expect(prior).toContainText(
      "EHR code 38241 “HPC; autologous transplantation”: an autologous HSCT is recorded; was there a later allogeneic HSCT? (2024-11-05)",
    );
    await expectNoAxeViolations(page, "a hint from the EHR beside the prior HSCT question");
    await expect(page.getByRole("region", { name: "Outcome" }).getByRole("status")).toContainText(
      "Incomplete",
    );
  });

  test("hook refusals: no JWT or a replayed one 401, malformed 400 with an OperationOutcome, no coverage 400, unknown service 404, GET 405", async ({
    request,
    baseURL,
  }) => {
    const anonymous = await request.post(`/cds-services/${SIGN}`, { data: hookRequest() });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).resourceType).toBe("OperationOutcome");
    const jwt = await signedBy(baseURL!, "memorial", `${baseURL}/cds-services/${SIGN}`);
    expect((await hook(request, baseURL!, hookRequest(), { jwt })).status()).toBe(200);
    expect((await hook(request, baseURL!, hookRequest(), { jwt })).status()).toBe(401);
    const forOther = await signedBy(
      baseURL!,
      "memorial",
      `${baseURL}/cds-services/coverage-order-select`,
    );
    expect((await hook(request, baseURL!, hookRequest(), { jwt: forOther })).status()).toBe(401);

    for (const body of [
      [],
      { hook: "order-sign" },
      { ...hookRequest(), context: { patientId: 7 } },
      "not json at all",
    ]) {
      const response = await hook(request, baseURL!, body);
      expect(response.status()).toBe(400);
      const outcome = await response.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue[0].diagnostics.length).toBeGreaterThan(10);
    }
    const noCoverage = await hook(request, baseURL!, hookRequest({ coverage: false }));
    expect(noCoverage.status()).toBe(400);
    expect((await noCoverage.json()).issue[0].diagnostics).toMatch(/exactly one is needed/);
    expect(
      (await hook(request, baseURL!, hookRequest(), { service: "no-such-service" })).status(),
    ).toBe(404);
    expect((await request.get(`/cds-services/${SIGN}`)).status()).toBe(405);
  });

  test("the card's link opens the questionnaire with the EHR's answers marked to confirm, once", async ({
    page,
    request,
    baseURL,
  }) => {
    const sample: HookSample = { conditions: ["C92.02"], procedures: ["38240"] };
    const { cards } = await (await hook(request, baseURL!, hookRequest(sample))).json();
    const link = cards[0].links[0].url as string;
    expect(link).not.toMatch(/example-patient|C92|38240|M-1001/);
    await openWizard(page, link);
    await expect(page.getByText("3 answers were filled in from the EHR.")).toBeVisible();

    await expectNoAxeViolations(page, "the questionnaire with answers from the EHR");
    const confirm = page.getByRole("checkbox", { name: "I confirm this answer from the EHR" });
    const service = page.getByRole("group", { name: SERVICE });
    await expect(service.getByRole("radio", { name: DLI, exact: false })).toBeChecked();
    await expect(service.getByText("From the EHR — confirm", { exact: true })).toBeVisible();
    await next(page);
    await expect(
      page.getByText("Confirm the answer from the EHR, or choose another, to continue."),
    ).toBeVisible();
    await expect(service).toBeVisible();
    await confirm.check();
    await expect(service.getByText("From the EHR — confirmed")).toBeVisible();
    await next(page);

    const diagnosis = page.getByRole("group", { name: DIAGNOSIS });
    await expect(
      diagnosis.getByRole("radio", { name: "Acute myeloid leukemia (AML)", exact: false }),
    ).toBeChecked();
    await confirm.check();
    await next(page);
    await answer(page, [DLI_INDICATION, "Relapsed hematologic malignancy"]);
    await expect(confirm).toHaveCount(0);
    await next(page);

    const prior = page.getByRole("group", { name: PRIOR });
    await expect(prior.getByRole("radio", { name: ALLOGENEIC, exact: false })).toBeChecked();
    // Choosing another answer makes it the physician's own: no longer marked.
    await prior.getByRole("radio", { name: "Autologous HSCT only", exact: false }).check();
    await expect(prior.getByText(/From the EHR/)).toHaveCount(0);
    await prior.getByRole("radio", { name: ALLOGENEIC, exact: false }).check();
    await next(page);
    await answer(page, [DLI_DONOR, "Yes"]);
    await next(page);
    await answer(page, [REGIMEN, "No"]);
    await next(page);
    await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Outcome" }).getByRole("status")).toContainText(
      "Medically necessary",
    );

    await page.goto(link);
    await expect(
      page.getByRole("heading", { name: "This link from the EHR was already opened" }),
    ).toBeVisible();
    await expect(page.getByText(/^It was opened on /)).toBeVisible();
    // The time in the reader's zone, UTC on hover (e2e/plain-words.spec.ts checks another zone).
    await expect(page.locator("main time")).toHaveAttribute(
      "title",
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
    );
    await expectNoAxeViolations(page, "an EHR link opened already");
  });

  test("$submit → the reviewer queue shows it via PAS → the reviewer denies it in the browser → $inquire answers A3 with the reason", async ({
    browser,
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    // A DLI with no prior HSCT: the policy reads it as not medically necessary (gate 4).
    const answers = {
      service: "dli",
      diagnosis: "aml",
      dliIndication: "relapsed",
      priorTransplant: "none",
    };
    const submitted = await pas(
      request,
      "$submit",
      token,
      submitBundle({ appUrl: baseURL!, memberId: member, answers }),
    );
    expect(submitted.status()).toBe(200);
    const response = await submitted.json();
    expect(response).toMatchObject({ resourceType: "Bundle", type: "collection" });
    const [pended] = claimResponses(response);
    expect(pended).toMatchObject({
      use: "preauthorization",
      outcome: "queued",
      preAuthRef: expect.stringMatching(/^R-\d{4}-\d{6}$/),
    });
    expect(reviewCode(pended!)).toMatchObject({ system: X12_306, code: "A4" });
    const reference = pended!.preAuthRef as string;

    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer");
    await reviewer.goto("/review?status=pending");
    const row = await queueRow(reviewer, reference);
    await expect(row).toContainText("via PAS (Memorial EHR)");
    await row.getByRole("link", { name: reference }).click();
    await reviewer.waitForURL(`**/review/${reference}`);
    await expect(
      reviewer.getByText("Received from the physician's EHR via PAS (Memorial EHR)"),
    ).toBeVisible();
    // A request for information is offered: for each criterion, what the EHR should send.
    await reviewer.getByLabel(/^Request more information/).check();
    await reviewer
      .getByRole("group", { name: "Criteria that need documentation" })
      .getByRole("checkbox")
      .first()
      .check();
    await expect(reviewer.getByLabel(/^What the EHR should send for/)).toHaveCount(1);
    // The API refuses it without that choice, leaving the request as it was.
    const pend = await reviewer.request.post(`/api/requests/${reference}/decision`, {
      data: {
        expectedVersion: 1,
        action: "request-information",
        rationale: "Send the chimerism report.",
        criteria: ["Prior transplant"],
      },
    });
    expect(pend.status()).toBe(400);
    expect((await pend.json()).issues).toContainEqual({
      path: "documents",
      message: expect.stringMatching(/came from the physician's EHR over PAS/),
    });
    expect((await (await reviewer.request.get(`/api/requests/${reference}`)).json()).status).toBe(
      "pending",
    );
    // A reviewer recommends the denial: still pended (A4) for the EHR, until a medical director
    // decides it.
    await recordDecision(
      reviewer,
      /^Recommend a denial/,
      "No HSCT before this DLI: criteria not met.",
    );
    const [awaiting] = await inquire(
      request,
      baseURL!,
      await accessToken(request, baseURL!, "memorial"),
      member,
      { preAuthRef: reference },
    );
    expect(awaiting).toMatchObject({ outcome: "queued" });
    expect(reviewCode(awaiting!)).toMatchObject({ system: X12_306, code: "A4" });
    const director = await browser.newPage();
    await signIn(director, "director", `/review/${reference}`);
    await recordDecision(director, /^Deny/, "No HSCT before this DLI: criteria not met.");
    await reviewer.reload();
    await expect(reviewer.getByText(/Memorial EHR \(EHR client via PAS\)/).first()).toBeVisible();

    const [decided] = await inquire(
      request,
      baseURL!,
      await accessToken(request, baseURL!, "memorial"),
      member,
      { preAuthRef: reference },
    );
    expect(decided).toMatchObject({ preAuthRef: reference, outcome: "complete" });
    expect(reviewCode(decided!)).toMatchObject({
      system: X12_306,
      code: "A3",
      display: "Not Certified",
    });
    expect(decided!.processNote[0].text).toMatch(
      /gate \d+ \(.+\): .+ Policy text: .+#coverage-policy\.dli\)/,
    );
    expect(decided!.processNote[1].text).toBe(
      "Reviewer's rationale: No HSCT before this DLI: criteria not met.",
    );
    await reviewer.goto(`/review/${reference}`);
    await expect(
      reviewer.getByText(/Status asked over PAS — Memorial EHR \(EHR client via PAS\)/).first(),
    ).toBeVisible();
  });

  test("an approval over PAS carries what it authorizes: period, issue date and authorization number", async ({
    browser,
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    const submitted = await pas(
      request,
      "$submit",
      token,
      submitBundle({ appUrl: baseURL!, memberId: member, serviceDate: FUTURE_SERVICE_DATE }),
    );
    expect(submitted.status()).toBe(200);
    const [pended] = claimResponses(await submitted.json());
    const reference = pended!.preAuthRef as string;
    // Pended: no authorization yet, the review action's number is the request's reference.
    expect(pended!.item[0].extension).toBeUndefined();

    // A medically necessary reading: a reviewer approves it.
    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer");
    const approved = await reviewer.request.post(`/api/requests/${reference}/decision`, {
      data: { expectedVersion: 1, action: "approve", rationale: "Meets the policy." },
    });
    expect(approved.status()).toBe(200);
    const { authorization } = await (
      await reviewer.request.get(`/api/requests/${reference}`)
    ).json();
    expect(authorization).toMatchObject({
      number: expect.stringMatching(/^PA-\d{4}-\d{8}$/),
      cpt: "38242",
      units: 1,
      validFrom: FUTURE_SERVICE_DATE,
      validTo: FUTURE_AUTHORIZATION_END,
      issuedBy: "Reviewer One (reviewer)",
      byRule: false,
    });

    const [decided] = await inquire(request, baseURL!, token, member, { preAuthRef: reference });
    expect(decided).toMatchObject({ preAuthRef: reference, outcome: "complete" });
    expect(reviewCode(decided!)).toMatchObject({ system: X12_306, code: "A1" });
    const number = decided!.item[0].adjudication[0].extension
      .find((e: Json) => e.url === REVIEW_ACTION)
      .extension.find((e: Json) => e.url === "number").valueString;
    expect(number).toBe(authorization.number);
    expect(decided!.item[0].extension).toEqual([
      {
        url: "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-itemPreAuthIssueDate",
        valueDate: authorization.issuedAt.slice(0, 10),
      },
      {
        url: "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-itemPreAuthPeriod",
        valuePeriod: { start: FUTURE_SERVICE_DATE, end: FUTURE_AUTHORIZATION_END },
      },
    ]);
  });

  test("a retried $submit answers the same and stores one request, even when the retries race", async ({
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    const bundle = submitBundle({ appUrl: baseURL!, memberId: member });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => pas(request, "$submit", token, bundle)),
    );
    expect(responses.map((r) => r.status())).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(responses.filter((r) => r.headers()["idempotent-replayed"] === "true")).toHaveLength(4);
    expect(await inquire(request, baseURL!, token, member)).toHaveLength(1);
    const reused = await pas(request, "$submit", token, {
      ...submitBundle({ appUrl: baseURL!, memberId: memberId() }),
      identifier: bundle.identifier,
    });
    expect(reused.status()).toBe(409);
    expect((await reused.json()).issue[0].code).toBe("duplicate");
  });

  test("$submit refusals: 401 without or with a bad token, 403 without the scope, 415, 400 naming each problem by FHIRPath — and nothing stored", async ({
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    const good = submitBundle({ appUrl: baseURL!, memberId: member });
    const expectRefusal = async (
      response: Awaited<ReturnType<typeof pas>>,
      status: number,
      pattern?: RegExp,
    ) => {
      expect(response.status()).toBe(status);
      expect(response.headers()["content-type"]).toContain("application/fhir+json");
      const outcome = await response.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      if (pattern)
        expect(outcome.issue.map((i: Json) => i.diagnostics).join("\n")).toMatch(pattern);
      return outcome;
    };
    await expectRefusal(
      await request.post("/api/fhir/Claim/$submit", { data: good, headers: FHIR_JSON }),
      401,
    );
    await expectRefusal(
      await pas(request, "$submit", "not-a-token-not-a-token-not-a-token-not-a-to", good),
      401,
    );
    await expectRefusal(
      await pas(request, "$submit", await accessToken(request, baseURL!, "readOnly"), good),
      403,
      /system\/Claim.write/,
    );
    await expectRefusal(
      await request.post("/api/fhir/Claim/$submit", {
        data: "x",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      }),
      415,
    );
    await expectRefusal(
      await pas(request, "$submit", token, { resourceType: "Patient" }),
      400,
      /Bundle: the body must be a PAS Bundle/,
    );
    const withoutPatient = {
      ...good,
      entry: good.entry!.filter((e) => e.resource!.resourceType !== "Patient"),
    };
    const missing = await expectRefusal(await pas(request, "$submit", token, withoutPatient), 400);
    expect(missing.issue[0].expression).toEqual(["Bundle.entry[0].resource.patient.reference"]);
    await expectRefusal(
      await pas(
        request,
        "$submit",
        token,
        submitBundle({ appUrl: baseURL!, memberId: member, cpt: "38240" }),
      ),
      400,
      /productOrService: must be a CPT code .* not 38240/,
    );
    const badAnswers = await expectRefusal(
      await pas(
        request,
        "$submit",
        token,
        submitBundle({
          appUrl: baseURL!,
          memberId: member,
          answers: { ...DLI_AML_RELAPSE, sameDonor: "maybe" as unknown as boolean },
        }),
      ),
      400,
    );
    expect(
      badAnswers.issue.some((i: Json) =>
        /^Bundle\.entry\[6\]\.resource\.item\[\d\]/.test(i.expression[0]),
      ),
    ).toBe(true);
    await expectRefusal(
      await pas(
        request,
        "$submit",
        token,
        submitBundle({ appUrl: baseURL!, memberId: member, npi: "1234567890" }),
      ),
      400,
      /Bundle.entry\[2\].resource.identifier\[0\].value: NPI check digit/,
    );
    const incomplete = { service: "dli", diagnosis: "aml" };
    await expectRefusal(
      await pas(
        request,
        "$submit",
        token,
        submitBundle({ appUrl: baseURL!, memberId: member, answers: incomplete }),
      ),
      400,
      /do not decide the case yet; \w+: Not answered yet: “.+\?”/,
    );
    await expectRefusal(await request.get("/api/fhir/Claim/$submit"), 405);
    expect(await inquire(request, baseURL!, token, member)).toEqual([]);
  });

  test("$inquire answers only the client that submitted (or one the NPI is registered to): another client gets the same empty result as for nothing", async ({
    request,
    baseURL,
  }) => {
    const memorial = await accessToken(request, baseURL!, "memorial");
    const other = await accessToken(request, baseURL!, "other");
    const member = memberId();
    const transactionId = randomUUID();
    const submitted = await pas(
      request,
      "$submit",
      memorial,
      submitBundle({ appUrl: baseURL!, memberId: member, transactionId }),
    );
    const reference = claimResponses(await submitted.json())[0]!.preAuthRef;
    expect(
      await inquire(request, baseURL!, memorial, member, { claimId: `claim-${transactionId}` }),
    ).toHaveLength(1);
    expect(
      await inquire(request, baseURL!, memorial, member, { preAuthRef: reference }),
    ).toHaveLength(1);
    const theirs = await pas(
      request,
      "$inquire",
      other,
      inquireBundle({ appUrl: baseURL!, memberId: member, preAuthRef: reference }),
    );
    const nothing = await pas(
      request,
      "$inquire",
      other,
      inquireBundle({ appUrl: baseURL!, memberId: memberId() }),
    );
    const strip = (b: Json) => b.entry.map((e: Json) => e.resource.issue?.[0].diagnostics);
    expect(strip(await theirs.json())).toEqual(strip(await nothing.json()));
    expect(strip(await theirs.json())).toEqual([
      "No prior authorization request this client may see matches this inquiry.",
    ]);
    const writeOnly = await pas(
      request,
      "$inquire",
      await accessToken(request, baseURL!, "memorial", "system/Claim.write"),
      inquireBundle({ appUrl: baseURL!, memberId: member }),
    );
    expect(writeOnly.status()).toBe(403);
  });

  test("no patient data, token or launch id from the EHR reaches the server log", async ({
    request,
    baseURL,
  }) => {
    const marker = { patientName: "Qzxpas Markerova", memberId: `QZX-${randomUUID().slice(0, 6)}` };
    const token = await accessToken(request, baseURL!, "memorial");
    // With a file whose name and a diagnosis code that disagrees are the patient's too.
    const fileName = "Qzxfile Markerova chimerism.pdf";
    const submitted = await pas(
      request,
      "$submit",
      token,
      withDiagnoses(
        withDocuments(submitBundle({ appUrl: baseURL!, ...marker }), [
          { title: fileName, data: SAMPLE_PDF },
        ]),
        ["C92.10"],
      ),
    );
    expect(submitted.status()).toBe(200);
    await inquire(request, baseURL!, token, marker.memberId);
    // Asked by another system of the provider too (its NPI registered): the audit line names it.
    const colleague = await accessToken(request, baseURL!, "colleague");
    expect(await inquire(request, baseURL!, colleague, marker.memberId)).toHaveLength(1);
    const hooked = await (
      await hook(request, baseURL!, hookRequest({ patientId: "qzx-patient-id" }))
    ).json();
    const launch = new URL(hooked.cards[0].links[0].url).searchParams.get("launch")!;
    await request.get(`/ehr-launch?launch=${launch}`);
    const log = await readFile(`.e2e-logs/server-${new URL(baseURL!).port}.log`, "utf8");
    for (const secret of [
      marker.patientName,
      marker.memberId,
      token,
      colleague,
      launch,
      "qzx-patient-id",
      fileName,
      "Qzxfile",
    ])
      expect(log, "the log holds what it must not").not.toContain(secret);
    expect(log).toContain('"path":"/api/fhir/Claim/$submit"');
  });
});
