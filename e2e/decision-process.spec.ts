import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { LATER_AUTHORIZATION_END, LATER_SERVICE_DATE } from "../test/dates";
import { pdfText } from "../test/pdf-text";
import { SEEDED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import {
  ALLOGENEIC,
  DLI_CML_RELAPSE,
  DLI_DONOR,
  PRIOR,
  REGIMEN,
  expectNoAxeViolations,
  openWizard,
  walk,
} from "./wizard-helpers";
import { PATIENT, queueRow, recordDecision, signIn, submitRequestForm } from "./workspace-helpers";

// The decision process (issue 19) in the browser, on both engines: who may deny and decide an
// appeal, what an approval authorizes, the worklist, forms that keep what was entered, and a
// retrospective request.

/** DLI for relapsed CML after an autologous HSCT only: not medically necessary (the prior HSCT). */
const DLI_AFTER_AUTOLOGOUS = {
  service: "dli",
  diagnosis: "cml",
  dliIndication: "relapsed",
  priorTransplant: "autologous",
};

async function submitByApi(page: Page, memberId: string, answers?: object): Promise<string> {
  const created = await page.request.post("/api/requests", {
    data: { ...SEEDED_REQUESTS[0]!, memberId, ...(answers ? { answers } : {}) },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).reference;
}

/** A step through the API, as the page's signed-in account, at the request's current version. */
async function step(page: Page, reference: string, name: string, fields: object) {
  const { version } = await (await page.request.get(`/api/requests/${reference}`)).json();
  const response = await page.request.post(`/api/requests/${reference}/${name}`, {
    data: { expectedVersion: version, ...fields },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const auditRows = (page: Page) =>
  page.locator("h2", { hasText: "Audit trail" }).locator("xpath=following-sibling::ol[1]/li");

test("a reviewer recommends a denial, a medical director denies, the physician appeals with a corrected answer, a second medical director overturns", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const physician = await (await browser.newContext()).newPage();
  await signIn(physician, "otherPhysician");
  const reference = await submitByApi(physician, "DP-APPEAL", DLI_AFTER_AUTOLOGOUS);

  // The nurse reviewer: the summary first, and no denial or approval of this reading to make.
  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, "reviewer", `/review/${reference}`);
  const summary = nurse.getByRole("region", { name: "Summary" });
  for (const text of [
    "Seeded Patient",
    "Donor lymphocyte infusion (DLI), CPT 38242",
    "Chronic myelogenous leukemia (CML)",
    LATER_SERVICE_DATE,
    "Standard (7 days)",
  ])
    await expect(summary).toContainText(text);
  await expect(nurse.getByLabel(/^Approve/)).toHaveCount(0);
  await expect(nurse.getByLabel(/^Deny/)).toHaveCount(0);
  await nurse.getByLabel(/^Recommend a denial/).check();
  await expect(nurse.getByLabel(/^Rationale/)).toHaveValue(
    /^Not certified under Coverage Policy 0261 .* Criterion: Prior HSCT\. .* The policy says: “.+” \(Coverage Policy\)\.$/,
  );
  await nurse
    .getByLabel(/^Rationale/)
    .fill("Recommend denial: DLI is covered only after an allogeneic HSCT.");
  await nurse.getByRole("button", { name: "Record decision" }).click();
  await expect(nurse.getByText("Decision saved.")).toBeVisible();
  await expect(
    nurse.getByRole("heading", { name: "Awaiting a medical director", exact: true }),
  ).toBeVisible();
  await expect(
    nurse.getByText("A denial was recommended: a medical director decides this request now."),
  ).toBeVisible();

  // The physician learns a medical director decides it, not the draft.
  await physician.goto(`/requests/${reference}`);
  await expect(physician.getByText("Under review by a medical director.")).toBeVisible();
  await expect(physician.getByText("Recommend denial: DLI is covered")).toHaveCount(0);

  // The medical director starts from the reviewer's draft and denies.
  const director = await (await browser.newContext()).newPage();
  await signIn(director, "director", `/review/${reference}`);
  await expect(director.getByText("Reviewer One (reviewer) recommends a denial:")).toBeVisible();
  await expect(director.getByLabel(/^Deny/)).toBeChecked();
  await expect(director.getByLabel(/^Rationale/)).toHaveValue(
    "Recommend denial: DLI is covered only after an allogeneic HSCT.",
  );
  await director
    .getByLabel(/^Rationale/)
    .fill("Not certified: DLI is covered only after an allogeneic HSCT.");
  await director.getByRole("button", { name: "Record decision" }).click();
  await expect(director.getByText("Decision saved.")).toBeVisible();
  await expect(director.getByRole("heading", { name: "Denied", exact: true })).toBeVisible();

  // The physician appeals, correcting the transplant: the reading becomes medically necessary.
  await physician.reload();
  const appeal = physician.getByRole("form", { name: /^Appeal the denial/ });
  await appeal
    .getByLabel(/^Reason for the appeal/)
    .fill("The transplant was allogeneic; the form was wrong.");
  await appeal.getByText("Correct the answers to the questionnaire").click();
  await appeal.getByRole("group", { name: PRIOR }).getByLabel(ALLOGENEIC).check();
  // An allogeneic HSCT asks two more questions before the policy can decide.
  await appeal.getByRole("group", { name: DLI_DONOR }).getByLabel("Yes", { exact: true }).check();
  await appeal.getByRole("group", { name: REGIMEN }).getByLabel("No", { exact: true }).check();
  await expect(appeal.getByText("With the corrected answers:")).toBeVisible();
  await appeal.getByRole("button", { name: "Send appeal" }).click();
  await expect(physician.getByText("Appeal sent")).toBeVisible();
  await expect(physician.getByRole("heading", { name: "Appealed", exact: true })).toBeVisible();
  await expect(
    physician.getByText(`Corrected answers: Prior HSCT: Autologous HSCT only → ${ALLOGENEIC}; `, {
      exact: false,
    }),
  ).toBeVisible();
  await expect(
    physician.getByText(
      "Reading before the correction: Not medically necessary — criteria not met. Reading with the corrected answers: Medically necessary.",
    ),
  ).toBeVisible();

  // The director who denied may not decide the appeal; the second one may.
  await director.reload();
  await expect(director.getByText(/^You may not decide this appeal\./)).toBeVisible();
  await expect(director.getByRole("form", { name: "Decide the appeal" })).toHaveCount(0);
  const second = await (await browser.newContext()).newPage();
  await signIn(second, "otherDirector", `/review/${reference}`);
  const decide = second.getByRole("form", { name: "Decide the appeal" });
  await decide.getByLabel(/^Overturn/).check();
  await expect(decide.getByLabel(/^Authorized until/)).toHaveValue(LATER_AUTHORIZATION_END);
  await decide.getByLabel(/^Units/).fill("2");
  await decide
    .getByLabel(/^Rationale/)
    .fill("The transplant was allogeneic: the DLI meets the policy.");
  await decide.getByRole("button", { name: "Record appeal decision" }).click();
  await expect(second.getByText("Appeal decision saved.")).toBeVisible();
  await expect(
    second.getByRole("heading", { name: "Approved on appeal", exact: true }),
  ).toBeVisible();

  // What the approval authorizes, on every surface.
  const rows = [
    "Donor lymphocyte infusion (DLI), CPT 38242",
    `${LATER_SERVICE_DATE} to ${LATER_AUTHORIZATION_END} (90 days, both included)`,
    "by Dr. Director Two (medical director)",
  ];
  for (const page of [second, physician]) {
    await page.reload();
    const block = page.getByRole("region", { name: "Authorization" });
    for (const text of rows) await expect(block).toContainText(text);
    await expect(block).toContainText(/Authorization numberPA-\d{4}-\d{8}/);
    await expect(block).toContainText("Units2");
  }
  await expectNoAxeViolations(second, "reviewer page of an approved appeal");
  await expectNoAxeViolations(physician, "physician page with its authorization");

  const api = await (await physician.request.get(`/api/requests/${reference}`)).json();
  expect(api).toMatchObject({
    status: "appeal-overturned",
    authorization: {
      number: expect.stringMatching(/^PA-\d{4}-\d{8}$/),
      service: "Donor lymphocyte infusion (DLI)",
      cpt: "38242",
      units: 2,
      validFrom: LATER_SERVICE_DATE,
      validTo: LATER_AUTHORIZATION_END,
      issuedBy: "Dr. Director Two (medical director)",
      byRule: false,
    },
  });
  const fhir = await (await physician.request.get(`/api/requests/${reference}/fhir`)).json();
  expect(
    fhir.extension.find((e: { url: string }) => e.url.endsWith(":authorization")).extension,
  ).toEqual(
    expect.arrayContaining([
      { url: "number", valueString: api.authorization.number },
      { url: "units", valueInteger: 2 },
    ]),
  );
  const [download] = await Promise.all([
    physician.waitForEvent("download"),
    physician.getByRole("link", { name: "Download summary (PDF)" }).click(),
  ]);
  const pdf = (await pdfText(await readFile((await download.path())!)))
    .join(" ")
    .replace(/\s+/g, " ");
  expect(pdf).toContain(`Authorization number ${api.authorization.number}`);
  expect(pdf).toContain("Units 2");
  expect(pdf).toContain("Reading with the corrected answers");
  expect(pdf).toContain(
    "Reading before the correction: Not medically necessary — criteria not met.",
  );
  expect(pdf).toContain(`Prior HSCT: Autologous HSCT only → ${ALLOGENEIC}`);
  expect(pdf).toContain("Cell source: not answered → Yes");
});

test("forms keep every field after an error, with a summary that takes focus (axe clean), and a refused or invalid step writes no audit row", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const physician = await (await browser.newContext()).newPage();
  await signIn(physician, "otherPhysician");
  const reference = await submitByApi(physician, "DP-FORMS");
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${reference}`);
  await physician.goto(`/requests/${reference}`);
  const rowsAfterOpening = await auditRows(physician).count();

  // A request for information without its question.
  await reviewer.getByLabel(/^Request more information/).check();
  const criteria = reviewer.getByRole("group", { name: "Criteria that need documentation" });
  await criteria.getByLabel("HPC boost indication").check();
  await reviewer.getByRole("button", { name: "Record decision" }).click();
  const summary = reviewer.getByRole("alert").filter({ hasText: "Nothing was saved" });
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole("link", {
      name: "Question to the physician: The question to the physician is required",
    }),
  ).toBeVisible();
  await expect(
    reviewer.getByText("The question to the physician is required", { exact: true }),
  ).toBeVisible();
  await expect(reviewer.getByLabel(/^Request more information/)).toBeChecked();
  await expect(criteria.getByLabel("HPC boost indication")).toBeChecked();
  await expectNoAxeViolations(reviewer, "decision form with an error");

  // An approval whose authorization would run past the policy's 90 days.
  await reviewer.getByLabel(/^Approve/).check();
  await reviewer
    .getByLabel(/^Authorized until/)
    .fill(`${Number(LATER_AUTHORIZATION_END.slice(0, 4)) + 1}-01-01`);
  await reviewer.getByLabel(/^Units/).fill("3");
  await reviewer.getByLabel(/^Rationale/).fill("Meets the policy.");
  await reviewer.getByRole("button", { name: "Record decision" }).click();
  await expect(summary.getByRole("link", { name: /^Authorized until: / })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(reviewer.getByLabel(/^Units/)).toHaveValue("3");
  await expect(reviewer.getByLabel(/^Rationale/)).toHaveValue("Meets the policy.");
  await expect(reviewer.getByLabel(/^Approve/)).toBeChecked();

  // A reviewer's denial, refused by the API: said why, nothing written.
  const { version } = await (await reviewer.request.get(`/api/requests/${reference}`)).json();
  const refused = await reviewer.request.post(`/api/requests/${reference}/decision`, {
    data: { expectedVersion: version, action: "deny", rationale: "No." },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatch(/^Only a medical director can deny a request/);

  // None of these wrote an audit row (reading the case through the API did: a view).
  await physician.reload();
  await expect(auditRows(physician)).toHaveCount(rowsAfterOpening + 1);
  await expect(physician.getByRole("heading", { name: "Pending", exact: true })).toBeVisible();

  // The approval, corrected, goes through with its terms.
  await reviewer.getByLabel(/^Authorized until/).fill(LATER_AUTHORIZATION_END);
  await reviewer.getByRole("button", { name: "Record decision" }).click();
  await expect(reviewer.getByText("Decision saved.")).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Authorization" })).toContainText("Units3");
});

test("a retrospective request: the form warns and asks, the reviewer sees the flag, the approval authorizes from the past date", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const past = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const physician = await (await browser.newContext()).newPage();
  await openWizard(physician);
  await walk(physician, DLI_CML_RELAPSE);
  await signIn(physician, "otherPhysician", "/requests/new");
  const retro = { ...PATIENT, name: "Retro Patient", memberId: "DP-RETRO", serviceDate: past };
  await physician.getByLabel("Patient name").fill(retro.name);
  await physician.getByLabel("Date of birth").fill(retro.birthDate);
  await physician.getByLabel("Member ID").fill(retro.memberId);
  await physician.getByLabel("NPI (10 digits)").fill(retro.npi);
  await physician.getByLabel("Planned date of service").fill(past);
  await expect(physician.getByText(/^This date is in the past\./)).toBeVisible();
  // Sent without saying the service was given: refused, every field kept.
  await physician.getByRole("button", { name: "Submit request" }).click();
  await expect(
    physician.getByText(
      "Planned date of service is in the past: if the service was already given, mark the request as retrospective; otherwise correct the date",
      { exact: true },
    ),
  ).toBeVisible();
  await expect(physician.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeFocused();
  await expect(physician.getByLabel("Member ID")).toHaveValue("DP-RETRO");
  await expectNoAxeViolations(physician, "submission form with a past date");
  const reference = await submitRequestForm(physician, { ...retro, retrospective: true });
  await expect(physician.getByRole("region", { name: "Summary" })).toContainText(
    `${past} (retrospective: the service was already given)`,
  );

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", "/review");
  await expect(await queueRow(reviewer, reference)).toContainText("Retrospective");
  await reviewer.goto(`/review/${reference}`);
  await expect(reviewer.getByText(/^Retrospective request: the planned date/)).toBeVisible();
  await recordDecision(reviewer, /^Approve/, "Meets the policy; given already.");
  await expect(reviewer.getByRole("region", { name: "Authorization" })).toContainText(
    `Valid${past} to `,
  );
});

test("the queue: what tells cases apart, open ones by default, assign to me, the medical director's worklists", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const physician = await (await browser.newContext()).newPage();
  await signIn(physician, "otherPhysician");
  const plain = await submitByApi(physician, "DP-QUEUE-1");
  const recommended = await submitByApi(physician, "DP-QUEUE-2", DLI_AFTER_AUTOLOGOUS);
  const appealed = await submitByApi(physician, "DP-QUEUE-3", DLI_AFTER_AUTOLOGOUS);
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer");
  const director = await (await browser.newContext()).newPage();
  await signIn(director, "director");
  await step(reviewer, recommended, "decision", {
    action: "recommend-denial",
    rationale: "Recommend a denial.",
  });
  await step(director, appealed, "decision", { action: "deny", rationale: "Not covered." });
  await step(physician, appealed, "appeal", { reason: "Please look again." });

  await reviewer.goto("/review");
  await expect(
    reviewer.getByRole("table", { name: "Open requests, soonest due first" }),
  ).toBeVisible();
  // Every row of the default worklist is still waiting for someone.
  for (const status of await reviewer
    .getByRole("table", { name: "Open requests, soonest due first" })
    .locator("tbody tr td:nth-child(10)")
    .allInnerTexts())
    expect(status).not.toMatch(/^(Approved|Denied|Withdrawn)/);
  const row = await queueRow(reviewer, plain);
  for (const text of [
    "Seeded Patient",
    "Hematopoietic progenitor cell (HPC) boost, CPT 38243",
    "not asked for this service",
    "Medically necessary",
    LATER_SERVICE_DATE,
    "Standard (7 days)",
    "Pending",
    "Nobody",
  ])
    await expect(row).toContainText(text);
  // The due time in the reader's own time zone, UTC on hover.
  await expect(row.locator("time")).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await row.getByRole("button", { name: `Assign ${plain} to me` }).click();
  await expect(row.getByText("Assigned to you.")).toBeVisible();
  await reviewer.goto("/review?mine=1");
  await expect(await queueRow(reviewer, plain)).toContainText("Reviewer One (reviewer)");
  await expectNoAxeViolations(reviewer, "the queue assigned to me");

  await reviewer.goto("/review?status=awaiting-medical-director");
  await expect(await queueRow(reviewer, recommended)).toContainText("Awaiting a medical director");

  // Appeals: the medical director who denied sees why it is not theirs; another may decide it.
  await director.goto("/review?status=appealed");
  await expect(await queueRow(director, appealed)).toContainText(
    "You may not decide this appeal. The medical director who denied a request cannot decide its appeal",
  );
  const second = await (await browser.newContext()).newPage();
  await signIn(second, "otherDirector", "/review?appeals=mine");
  await expect(
    second.getByRole("table", { name: "Appeals you may decide, soonest due first" }),
  ).toBeVisible();
  const mine = await queueRow(second, appealed);
  await expect(mine).toContainText("Appeal");
  await expect(mine).not.toContainText("You may not decide");
});

test("an appeal that would fall due after the planned date is offered expedited, and is due in 72 hours", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const physician = await (await browser.newContext()).newPage();
  await signIn(physician, "otherPhysician");
  const created = await physician.request.post("/api/requests", {
    data: { ...SEEDED_REQUESTS[0]!, memberId: "DP-EXPEDITE", serviceDate: soon },
  });
  expect(created.status()).toBe(201);
  const { reference } = await created.json();
  const director = await (await browser.newContext()).newPage();
  await signIn(director, "director");
  await step(director, reference, "decision", { action: "deny", rationale: "Not covered." });

  await physician.goto(`/requests/${reference}`);
  const appeal = physician.getByRole("form", { name: /^Appeal the denial/ });
  await expect(
    appeal.getByText(
      /^A standard appeal would be decided by .+, after the planned date of service \(.+\): ask for an expedited appeal, decided within 72 hours\.$/,
    ),
  ).toBeVisible();
  await appeal.getByLabel(/^Reason for the appeal/).fill("The infusion is planned in ten days.");
  await appeal.getByLabel(/^Expedited appeal/).check();
  const sent = Date.now();
  await appeal.getByRole("button", { name: "Send appeal" }).click();
  await expect(physician.getByText("Appeal sent")).toBeVisible();
  await expect(
    physician.getByText("Expedited appeal: to be decided within 72 hours."),
  ).toBeVisible();
  const { dueAt } = await (await physician.request.get(`/api/requests/${reference}`)).json();
  expect(Date.parse(dueAt) - sent).toBeLessThan(73 * 3_600_000);
  expect(Date.parse(dueAt) - sent).toBeGreaterThan(71 * 3_600_000);
});
