import { FUTURE_SERVICE_DATE } from "../test/dates";
import { expect, test } from "./fixtures";
import { seededReference } from "./accounts";
import {
  AUTOLOGOUS,
  BOOST_INDICATION,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  openWizard,
  walk,
} from "./wizard-helpers";
import { PATIENT, recordDecision, signIn, submitRequestByApi } from "./workspace-helpers";

test("two reviewers deciding the same request: the second is told it is decided, and nothing is overwritten", async ({
  browser,
}) => {
  const reference = seededReference(2);
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signIn(first, "reviewer", `/review/${reference}`);
  await signIn(second, "otherReviewer", `/review/${reference}`);

  await first.getByLabel(/^Approve/).check();
  await first.getByLabel(/^Rationale/).fill("Meets the policy: promote engraftment.");
  await second.getByLabel(/^Request more information/).check();
  await second
    .getByRole("group", { name: "Criteria that need documentation" })
    .getByRole("checkbox")
    .first()
    .check();
  await second.getByLabel(/^Question to the physician/).fill("Need the latest blood counts.");

  await first.getByRole("button", { name: "Record decision" }).click();
  await expect(first.getByText("Decision saved.")).toBeVisible();
  await second.getByRole("button", { name: "Record decision" }).click();
  await expect(
    second.getByText(/This request has already been decided \(approved\), and a decision is final/),
  ).toBeVisible();

  await second.reload();
  await expect(second.getByText("Approved (certified) ·")).toBeVisible();
  await expect(second.getByText("More information requested (pended)")).toHaveCount(0);
});

test("a decided request is final: the form is gone, and a decision from a page read before is refused", async ({
  browser,
}) => {
  const physician = await browser.newPage();
  await signIn(physician, "otherPhysician");
  const reference = await submitRequestByApi(physician, "FINAL-0001");
  // A medical director denies; a reviewer's page read before tries to approve.
  const reviewer = await browser.newPage();
  await signIn(reviewer, "director", `/review/${reference}`);
  const stale = await browser.newPage();
  await signIn(stale, "reviewer", `/review/${reference}`);
  await recordDecision(reviewer, /^Deny/, "Not supported by the chimerism report.");

  await reviewer.reload();
  await expect(reviewer.getByRole("heading", { name: "Denied" })).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await stale.getByLabel(/^Approve/).check();
  await stale.getByLabel(/^Rationale/).fill("Approving after all.");
  await stale.getByRole("button", { name: "Record decision" }).click();
  await expect(
    stale.getByText(/This request has already been decided \(denied\), and a decision is final/),
  ).toBeVisible();
  await reviewer.reload();
  await expect(reviewer.getByText("Denied (not certified) ·")).toBeVisible();
  await expect(reviewer.getByText("Approved (certified) ·")).toHaveCount(0);
});

test("a decision needs a choice and a rationale", async ({ page }) => {
  await signIn(page, "reviewer", `/review/${seededReference(1)}`);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Choose a decision", { exact: true })).toBeVisible();
  await expect(page.getByText("The rationale is required", { exact: true })).toBeVisible();
  await page.getByLabel(/^Approve/).check();
  await page.getByLabel(/^Rationale/).fill("x".repeat(4001));
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(
    page.getByText("The rationale must be at most 4,000 characters", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText("Not decided yet.")).toBeVisible();
});

test("every invalid field of the submission form gets its message and nothing is stored", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, HPC],
    [PRIOR, AUTOLOGOUS],
    [DONOR, "Yes"],
    [REGIMEN, "No"],
    [BOOST_INDICATION, "Other"],
  ]);
  await signIn(page, "formTester", "/requests");
  const before = await page.getByRole("row").count();
  await page.goto("/requests/new");
  await page.getByLabel("Ordering physician").fill("");
  await page.getByLabel("NPI (10 digits)").fill("1234567890");
  await page.getByLabel("Member ID").fill("bad id!");
  await page.getByLabel(/Clinical notes/).fill("y".repeat(4001));
  await page.getByLabel("Planned date of service").fill(FUTURE_SERVICE_DATE);
  await page.getByRole("button", { name: "Submit request" }).click();
  for (const message of [
    "Patient name is required",
    "Date of birth is required",
    "Member ID must be 1 to 40 letters, digits or hyphens",
    "Ordering physician is required",
    "NPI check digit does not match: check the number",
    "Clinical notes must be at most 4,000 characters",
  ])
    await expect(page.getByText(message, { exact: true })).toBeVisible();
  await expect(page.getByLabel("NPI (10 digits)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Patient name").fill(PATIENT.name);
  await page.getByLabel("Date of birth").fill("2030-01-01");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(
    page.getByText("Date of birth cannot be in the future", { exact: true }),
  ).toBeVisible();

  await page.goto("/requests");
  await expect(page.getByRole("row")).toHaveCount(before);
});
