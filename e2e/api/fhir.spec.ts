import { expect, test, type APIRequestContext } from "@playwright/test";

const answers = {
  service: "dli",
  diagnosis: "multiple-myeloma",
  dliIndication: "persistent",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
};
const FHIR = { "Content-Type": "application/fhir+json" };
const QUESTIONNAIRE = "/api/fhir/Questionnaire/coverage-policy-0261";

const evaluateResponse = (request: APIRequestContext, resource: object) =>
  request.post("/api/evaluate", { data: JSON.stringify(resource), headers: FHIR });

test("GET the Questionnaire: items in the wizard's order, at a canonical URL that resolves", async ({
  request,
  baseURL,
}) => {
  const res = await request.get(QUESTIONNAIRE);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/fhir+json");
  expect(res.headers()["access-control-allow-origin"]).toBe("*");
  const q = await res.json();
  expect(q.resourceType).toBe("Questionnaire");
  expect(q.url).toBe(`${baseURL}${QUESTIONNAIRE}`);
  expect(q.item.map((i: { linkId: string }) => i.linkId)).toEqual(
    Object.keys(answers).concat("boostIndication", "donorChimerismPercent"),
  );
  // The canonical URL and every CodeSystem a coding names are served where they say.
  expect((await request.get(q.url)).status()).toBe(200);
  const systems = new Set<string>(
    q.item.flatMap((i: { answerOption?: { valueCoding: { system: string } }[] }) =>
      (i.answerOption ?? []).map((o) => o.valueCoding.system),
    ),
  );
  expect(systems.size).toBe(5);
  for (const system of systems) {
    const cs = await request.get(system);
    expect(cs.status(), system).toBe(200);
    expect((await cs.json()).url).toBe(system);
  }
});

test("GET /api/fhir/metadata and a search by url", async ({ request, baseURL }) => {
  const metadata = await request.get("/api/fhir/metadata");
  expect(metadata.status()).toBe(200);
  const capability = await metadata.json();
  expect(capability).toMatchObject({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1" });
  expect(capability.rest[0].resource.map((r: { type: string }) => r.type)).toEqual([
    "Questionnaire",
    "CodeSystem",
    "ValueSet",
    "Claim",
    "Subscription",
  ]);
  // PAS (issue 14): Claim offers $submit and $inquire, behind SMART Backend Services.
  const claim = capability.rest[0].resource.find((r: { type: string }) => r.type === "Claim");
  expect(claim.operation.map((o: { name: string }) => o.name).sort()).toEqual([
    "inquire",
    "submit",
  ]);
  // PAS Subscriptions (issue 20, item 3): the PAS topic, create/read/update/delete and $status.
  const subscription = capability.rest[0].resource.find(
    (r: { type: string }) => r.type === "Subscription",
  );
  expect(subscription.extension[0].valueCanonical).toBe(
    "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic",
  );
  expect(subscription.interaction.map((i: { code: string }) => i.code)).toEqual([
    "create",
    "read",
    "update",
    "delete",
  ]);
  expect(subscription.operation.map((o: { name: string }) => o.name)).toEqual(["status"]);
  const url = `${baseURL}${QUESTIONNAIRE}`;
  const found = await (
    await request.get(`/api/fhir/Questionnaire?url=${encodeURIComponent(`${url}|2021-07-15`)}`)
  ).json();
  expect(found).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 1 });
  expect(found.entry[0].resource.url).toBe(url);
  const none = await (await request.get("/api/fhir/Questionnaire?url=urn%3Aother")).json();
  expect(none).toMatchObject({ resourceType: "Bundle", total: 0 });
});

test("every error on a FHIR route is an OperationOutcome with the right status", async ({
  request,
}) => {
  for (const [path, status] of [
    ["/api/fhir/Questionnaire/other", 404],
    ["/api/fhir/Patient/123", 404],
    ["/api/fhir/nothing/here/at/all", 404],
    ["/api/fhir/CodeSystem/unknown", 404],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(status);
    expect(res.headers()["content-type"], path).toContain("application/fhir+json");
    expect((await res.json()).resourceType, path).toBe("OperationOutcome");
  }
  const wrongMethod = await request.delete(QUESTIONNAIRE);
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toBe("GET");
  expect((await wrongMethod.json()).resourceType).toBe("OperationOutcome");
  const wrongType = await request.post("/api/fhir/answers", {
    data: "{}",
    headers: { "Content-Type": "text/plain" },
  });
  expect(wrongType.status()).toBe(415);
  expect((await wrongType.json()).resourceType).toBe("OperationOutcome");
});

test("POST /api/evaluate takes a QuestionnaireResponse with valueBoolean, as for the same answers", async ({
  request,
}) => {
  const plain = await (await request.post("/api/evaluate", { data: answers })).json();
  const q = await (await request.get(QUESTIONNAIRE)).json();
  const codings = Object.fromEntries(
    q.item.map((i: { linkId: string; answerOption?: { valueCoding: object }[] }) => [
      i.linkId,
      i.answerOption?.map((o) => o.valueCoding),
    ]),
  );
  const coding = (field: keyof typeof answers) =>
    codings[field].find((c: { code: string }) => c.code === answers[field]);
  const qr = {
    resourceType: "QuestionnaireResponse",
    questionnaire: `${q.url}|${q.version}`,
    status: "completed",
    item: [
      { linkId: "service", answer: [{ valueCoding: coding("service") }] },
      { linkId: "diagnosis", answer: [{ valueCoding: coding("diagnosis") }] },
      { linkId: "dliIndication", answer: [{ valueCoding: coding("dliIndication") }] },
      { linkId: "priorTransplant", answer: [{ valueCoding: coding("priorTransplant") }] },
      { linkId: "sameDonor", answer: [{ valueBoolean: true }] },
      { linkId: "preparativeRegimen", answer: [{ valueBoolean: false }] },
    ],
  };
  const res = await evaluateResponse(request, qr);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toEqual(plain);
  expect(body.determination).toBe("medically-necessary");

  const bad = await evaluateResponse(request, {
    ...qr,
    item: [{ linkId: "service", answer: [{ valueCoding: { code: "x" } }] }, { linkId: "mrn" }],
  });
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/fhir+json");
  const outcome = await bad.json();
  expect(outcome.resourceType).toBe("OperationOutcome");
  expect(outcome.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual([
    "QuestionnaireResponse.item[0].answer[0].valueCoding.code",
    "QuestionnaireResponse.item[1].linkId",
  ]);
});

test("an older response, with the URN and coded yes/no answers, is still accepted", async ({
  request,
}) => {
  const res = await evaluateResponse(request, {
    resourceType: "QuestionnaireResponse",
    questionnaire: "urn:coverage-policy:0261:questionnaire|2021-07-15",
    status: "completed",
    item: [
      { linkId: "service", answer: [{ valueCoding: { code: "hpc-boost" } }] },
      { linkId: "priorTransplant", answer: [{ valueCoding: { code: "autologous" } }] },
      { linkId: "sameDonor", answer: [{ valueCoding: { code: "true" } }] },
      { linkId: "preparativeRegimen", answer: [{ valueCoding: { code: "false" } }] },
      { linkId: "boostIndication", answer: [{ valueCoding: { code: "promote-engraftment" } }] },
    ],
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).determination).toBe("medically-necessary");
});
