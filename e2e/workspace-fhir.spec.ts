import { expect, test } from "./fixtures";
import { LATER_AUTHORIZATION_END, LATER_SERVICE_DATE } from "../test/dates";
import { recordDecision, signIn, submitRequestByApi } from "./workspace-helpers";

test("GET /api/requests/<reference>/fhir: the stored request as a QuestionnaireResponse, for the owner and reviewers only", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const owner = await browser.newPage();
  await signIn(owner, "otherPhysician");
  const reference = await submitRequestByApi(owner, "FHIR-0001");
  const url = `/api/requests/${reference}/fhir`;

  const mine = await owner.request.get(url);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-type"]).toContain("application/fhir+json");
  const qr = await mine.json();
  expect(qr).toMatchObject({
    resourceType: "QuestionnaireResponse",
    status: "completed",
    identifier: { value: reference },
    subject: { identifier: { value: "FHIR-0001" } },
    author: { identifier: { system: "http://hl7.org/fhir/sid/us-npi", value: "1234567893" } },
  });
  expect(qr.item.map((i: { linkId: string }) => i.linkId)).toEqual([
    "service",
    "priorTransplant",
    "sameDonor",
    "preparativeRegimen",
    "boostIndication",
  ]);
  const outcome = qr.extension.find((e: { url: string }) => e.url.endsWith(":determination"));
  expect(outcome.extension).toEqual(
    expect.arrayContaining([
      { url: "determination", valueCode: "medically-necessary" },
      { url: "policyVersion", valueString: "2021-07-15" },
      { url: "rulesRevision", valueInteger: 3 },
    ]),
  );

  const anonymous = await (await browser.newPage()).request.get(url);
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).resourceType).toBe("OperationOutcome");

  const stranger = await browser.newPage();
  await signIn(stranger, "physician");
  expect((await stranger.request.get(url)).status()).toBe(404);

  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", `/review/${reference}`);
  await recordDecision(reviewer, /^Approve/, "Promote engraftment after autologous HSCT: covered.");
  const decided = await (await reviewer.request.get(url)).json();
  const decision = decided.extension.find((e: { url: string }) => e.url.endsWith(":decision"));
  expect(decision.extension).toEqual(
    expect.arrayContaining([
      { url: "action", valueCode: "approve" },
      { url: "reviewActionCode", valueCode: "A1" },
    ]),
  );
  // The approval's authorization travels with the export.
  const authorization = decided.extension.find((e: { url: string }) =>
    e.url.endsWith(":authorization"),
  );
  expect(authorization.extension).toEqual(
    expect.arrayContaining([
      { url: "number", valueString: expect.stringMatching(/^PA-\d{4}-\d{8}$/) },
      {
        url: "service",
        valueCoding: {
          system: "http://www.ama-assn.org/go/cpt",
          code: "38243",
          display: "Hematopoietic progenitor cell (HPC) boost",
        },
      },
      { url: "units", valueInteger: 1 },
      { url: "period", valuePeriod: { start: LATER_SERVICE_DATE, end: LATER_AUTHORIZATION_END } },
    ]),
  );
});
