import { expect, test } from "./fixtures";
import { DLI_CML_RELAPSE, openWizard, walk } from "./wizard-helpers";
import { PATIENT, signIn, submitRequestForm } from "./workspace-helpers";

test("a request goes from the wizard through a reviewer's denial back to the physician", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const physician = await browser.newPage();
  await openWizard(physician);
  await walk(physician, DLI_CML_RELAPSE);
  await physician.getByRole("link", { name: "Continue to submit this request" }).click();
  // Anonymous: the sign-in page, then back to the form.
  await expect(physician).toHaveURL(/\/sign-in\?next=%2Frequests%2Fnew$/);
  await signIn(physician, "physician", "/requests/new");
  await expect(physician).toHaveURL(/\/requests\/new$/);
  await expect(physician.getByText("Gate 7 (DLI coverage statement):")).toBeVisible();
  const reference = await submitRequestForm(physician);
  expect(physician.url()).not.toContain(PATIENT.memberId);
  await expect(physician.getByText("Not decided yet.")).toBeVisible();
  await expect(physician.getByRole("heading", { name: "Pending" })).toBeVisible();

  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", "/review");
  await reviewer.getByLabel("Reference or member ID").fill(PATIENT.memberId);
  await reviewer.getByRole("button", { name: "Search" }).click();
  // In the queue, and found by member ID (a POST: the member ID never enters the URL).
  await expect(reviewer.getByRole("table").getByRole("link", { name: reference })).toBeVisible();
  await reviewer
    .getByRole("region", { name: "Search" })
    .getByRole("link", { name: reference })
    .click();
  expect(reviewer.url()).not.toContain(PATIENT.memberId);
  await expect(reviewer.getByRole("heading", { name: `Request ${reference}` })).toBeVisible();
  await expect(reviewer.getByText(PATIENT.name)).toBeVisible();
  await expect(reviewer.getByText("Same as the determination stored at submission.")).toBeVisible();

  // The cited passages behind an answer.
  await reviewer.getByText("Cited policy text").first().click();
  await expect(
    reviewer
      .getByText(/Donor lymphocyte infusion \(DLI\) is considered medically necessary following/)
      .first(),
  ).toBeVisible();

  await reviewer.getByLabel(/^Deny/).check();
  const rationale = reviewer.getByLabel(/^Rationale/);
  await expect(rationale).toHaveValue(
    /rules revision 3\), gate 7, DLI coverage statement: .*Policy text: coverage-policy\.dli\.$/,
  );
  await rationale.fill("Denied for the e2e test: the policy reason is stated above.");
  await reviewer.getByRole("button", { name: "Record decision" }).click();
  await expect(reviewer.getByText("Decision saved.")).toBeVisible();
  await expect(reviewer.getByText("Denied (not certified) · X12 278 code A3")).toBeVisible();
  // The audit trail names people and their roles, never bare account ids.
  await expect(
    reviewer.getByText(/\(request\.decided\) — Reviewer One \(reviewer\)/),
  ).toBeVisible();
  await expect(
    reviewer.getByText(/\(request\.viewed\) — Reviewer One \(reviewer\)/).first(),
  ).toBeVisible();
  await expect(reviewer.getByText(/\(request\.submitted\) — Dr\. One \(physician\)/)).toBeVisible();

  await physician.reload();
  await expect(physician.getByText("Denied (not certified) · X12 278 code A3")).toBeVisible();
  await expect(physician.getByText("Denied for the e2e test")).toBeVisible();
  for (const action of ["request.submitted", "request.viewed", "request.decided"])
    await expect(physician.getByText(`(${action})`).first()).toBeVisible();
  await physician.getByRole("link", { name: "My requests" }).click();
  await expect(physician.getByRole("row", { name: new RegExp(reference) })).toContainText("Denied");
});
