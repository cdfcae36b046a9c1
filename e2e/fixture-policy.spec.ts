import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { pdfText } from "../test/pdf-text";
import { answer, expectNoAxeViolations, outcome, walk } from "./wizard-helpers";
import { signIn, submitRequestForm } from "./workspace-helpers";

// The test-only fixture package (test/fixture-policy), listed by the e2e server: the same
// wizard, form, reviewer page, PDF and FHIR endpoints serve it with no component changed.
const ID = "fixture-policy-9001";
const PRODUCT = "Which fixture product is requested?";
const INDICATION = "Is the condition on the fixture's list?";
const DOSE = "Planned dose (mg)";

test("the fixture's wizard, its policy text and its versions", async ({ page }) => {
  await page.goto(`/wizard/${ID}`);
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Widget Infusion and Gadget Boost (test fixture)",
  );
  await walk(page, [
    [PRODUCT, "Widget infusion"],
    [INDICATION, "A listed condition"],
  ]);
  const dose = page
    .getByRole("group", { name: DOSE })
    .getByRole("textbox", { name: "Dose (mg, 5 to 500)" });
  await dose.fill("900");
  await expect(page.getByText("must be a number from 5 to 500")).toBeVisible();
  // Today the 2026 version is in force: below 300 mg is covered.
  await answer(page, [DOSE, 250]);
  await expect(outcome(page)).toContainText("Covered (fixture)");
  await expect(outcome(page)).toContainText("Decided at Dose below 300 mg (gate 3)");
  await expect(outcome(page)).toContainText("Fixture reading; a reviewer makes the decision.");
  await page.getByRole("button", { name: "Show policy text" }).click();
  await expect(page.getByRole("link", { name: /coverage-policy\.dose/ })).toHaveAttribute(
    "href",
    `/policy/${ID}#coverage-policy.dose`,
  );
  await expectNoAxeViolations(page, "fixture wizard");
  // None of Policy 0261's text travels with the fixture's wizard.
  expect(await page.content()).not.toContain("Donor lymphocyte");

  await page.goto(`/policy/${ID}`);
  await expect(page.getByText("2026-01-01 (in force today), rules revision 1")).toBeVisible();
  await page.getByLabel("Version").selectOption("2024-01-01");
  await page.getByRole("button", { name: "Show this version" }).click();
  await expect(page).toHaveURL(new RegExp(`/policy/${ID}\\?version=2024-01-01$`));
  await expect(page.getByText(/^2024-01-01, rules revision 1$/)).toBeVisible();
  await expectNoAxeViolations(page, "fixture policy text");
});

test("a fixture request is judged under the version in force on its date of service, on every page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const physician = await (await browser.newContext()).newPage();
  await physician.goto(`/wizard/${ID}`);
  await expect(physician.locator("form[data-ready]")).toBeAttached();
  await walk(physician, [
    [PRODUCT, "Gadget boost"],
    [INDICATION, "A listed condition"],
    [DOSE, 250],
  ]);
  await physician.getByRole("link", { name: "Continue to submit this request" }).click();
  await signIn(physician, "otherPhysician", `/requests/new?policy=${ID}`);
  await expect(physician.getByText("Covered (fixture)")).toBeVisible();
  // Planned for 2025, when the 2024 version's 200 mg limit was in force.
  const reference = await submitRequestForm(physician, {
    name: "Fixture Patient",
    birthDate: "1980-01-01",
    memberId: "FIX-0001",
    npi: "1234567893",
    serviceDate: "2025-06-01",
    notes: "Fixture case.",
    retrospective: true,
  });
  await expect(
    physician.getByText("Not covered: dose at or over the limit (fixture)"),
  ).toBeVisible();
  await expect(
    physician.getByText("Read under policy version 2024-01-01, rules revision 1."),
  ).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${reference}`);
  await expect(
    reviewer.getByText(
      /Read again today below, under Fixture Policy 9001 version 2024-01-01, the version in force on the planned date of service/,
    ),
  ).toBeVisible();
  await expect(reviewer.getByText("Same as the determination stored at submission.")).toBeVisible();
  await expect(
    reviewer.getByText("Dose below 200 mg (gate 3): The dose is at or over the 200 mg limit."),
  ).toBeVisible();
  await expectNoAxeViolations(reviewer, "reviewer page of a fixture request");

  const [download] = await Promise.all([
    reviewer.waitForEvent("download"),
    reviewer.getByRole("link", { name: "Download summary (PDF)" }).click(),
  ]);
  const text = (await pdfText(await readFile((await download.path())!)))
    .join(" ")
    .replace(/\s+/g, " ");
  expect(text).toContain(
    "Fixture Coverage Policy 9001, Widget Infusion and Gadget Boost (test fixture), version 2024-01-01",
  );
  expect(text).toContain("Not covered: dose at or over the limit (fixture)");
  expect(text).toContain(
    "The dose must be below 200 mg until 12/31/2025, and below 300 mg from 1/1/2026.",
  );
  expect(text).not.toContain("Donor lymphocyte");
});

test("the fixture's FHIR Questionnaire, each version, and a round-tripped response", async ({
  request,
}) => {
  const current = await (await request.get(`/api/fhir/Questionnaire/${ID}`)).json();
  expect(current).toMatchObject({ resourceType: "Questionnaire", id: ID, version: "2026-01-01" });
  expect(current.item.map((i: { linkId: string }) => i.linkId)).toEqual([
    "product",
    "indication",
    "doseMg",
  ]);
  const older = await (
    await request.get(`/api/fhir/Questionnaire/${ID}/_history/2024-01-01`)
  ).json();
  expect(older.version).toBe("2024-01-01");
  const search = await (
    await request.get(`/api/fhir/Questionnaire?url=${encodeURIComponent(current.url)}`)
  ).json();
  expect(search.total).toBe(2);

  const product = current.item[0].answerOption.find(
    (o: { valueCoding: { code: string } }) => o.valueCoding.code === "gadget",
  );
  const listed = current.item[1].answerOption[0];
  const response = {
    resourceType: "QuestionnaireResponse",
    questionnaire: `${current.url}|${current.version}`,
    status: "completed",
    item: [
      { linkId: "product", answer: [{ valueCoding: product.valueCoding }] },
      { linkId: "indication", answer: [{ valueCoding: listed.valueCoding }] },
      { linkId: "doseMg", answer: [{ valueDecimal: 250 }] },
    ],
  };
  const fromFhir = await request.post(`/api/policies/${ID}/evaluate`, {
    data: JSON.stringify(response),
    headers: { "Content-Type": "application/fhir+json" },
  });
  expect(fromFhir.status()).toBe(200);
  const plain = await request.post(`/api/policies/${ID}/evaluate`, {
    data: { product: "gadget", indication: "listed", doseMg: 250 },
  });
  expect(await fromFhir.json()).toEqual(await plain.json());

  const list = await (await request.get("/api/policies")).json();
  expect(list.policies.map((p: { id: string }) => p.id)).toEqual(["coverage-policy-0261", ID]);
  expect((await request.get("/api/policies/no-such-policy")).status()).toBe(404);
  expect((await request.post("/api/policies/no-such-policy/evaluate", { data: {} })).status()).toBe(
    404,
  );
});
