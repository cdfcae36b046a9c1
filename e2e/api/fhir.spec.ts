import { expect, test } from "@playwright/test";

const answers = {
  service: "dli",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
  diagnosis: "multiple-myeloma",
  dliIndication: "persistent",
};

test("GET /api/fhir/Questionnaire/coverage-policy-0261 returns the generated Questionnaire", async ({
  request,
}) => {
  const res = await request.get("/api/fhir/Questionnaire/coverage-policy-0261");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/fhir+json");
  const q = await res.json();
  expect(q.resourceType).toBe("Questionnaire");
  expect(q.item.map((i: { linkId: string }) => i.linkId)).toEqual([
    "service",
    "priorTransplant",
    "sameDonor",
    "preparativeRegimen",
    "diagnosis",
    "dliIndication",
    "boostIndication",
    "donorChimerismPercent",
  ]);
  const missing = await request.get("/api/fhir/Questionnaire/other");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).resourceType).toBe("OperationOutcome");
});

test("POST /api/evaluate takes a QuestionnaireResponse and answers as for the same answers", async ({
  request,
}) => {
  const plain = await (await request.post("/api/evaluate", { data: answers })).json();
  const qr = {
    resourceType: "QuestionnaireResponse",
    questionnaire: "urn:coverage-policy:0261:questionnaire|2021-07-15",
    status: "completed",
    item: [
      { linkId: "service", answer: [{ valueCoding: { code: "dli" } }] },
      { linkId: "priorTransplant", answer: [{ valueCoding: { code: "allogeneic" } }] },
      { linkId: "sameDonor", answer: [{ valueCoding: { code: "true" } }] },
      { linkId: "preparativeRegimen", answer: [{ valueCoding: { code: "false" } }] },
      { linkId: "diagnosis", answer: [{ valueCoding: { code: "multiple-myeloma" } }] },
      { linkId: "dliIndication", answer: [{ valueCoding: { code: "persistent" } }] },
    ],
  };
  const res = await request.post("/api/evaluate", {
    data: JSON.stringify(qr),
    headers: { "Content-Type": "application/fhir+json" },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toEqual(plain);
  expect(body.determination).toBe("medically-necessary");

  const bad = await request.post("/api/evaluate", {
    data: JSON.stringify({
      ...qr,
      item: [{ linkId: "service", answer: [{ valueCoding: { code: "x" } }] }, { linkId: "mrn" }],
    }),
    headers: { "Content-Type": "application/fhir+json" },
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
