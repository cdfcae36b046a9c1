import { expect, test } from "./fixtures";
import { DLI_CML_RELAPSE, openWizard, walk } from "./wizard-helpers";
import { PATIENT, signIn, submitRequestForm } from "./workspace-helpers";

test("a request goes from the wizard through a reviewer and a medical director's denial back to the physician", async ({
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
  await expect(physician.getByText("DLI coverage statement (gate 7):")).toBeVisible();
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

  // A reviewer may not deny: a medical director does, from a rationale in plain words.
  await expect(reviewer.getByLabel(/^Deny/)).toHaveCount(0);
  const director = await browser.newPage();
  await signIn(director, "director", `/review/${reference}`);
  await director.getByLabel(/^Deny/).check();
  const rationale = director.getByLabel(/^Rationale/);
  await expect(rationale).toHaveValue(
    /^Not certified under Coverage Policy 0261 \(version 2021-07-15\)\. Criterion: DLI coverage statement\. .* The policy says: “Donor lymphocyte infusion \(DLI\) is considered medically necessary .*” \(Coverage Policy\)\.$/,
  );
  await expect(rationale).not.toHaveValue(/gate|coverage-policy\.dli/);
  await rationale.fill("Denied for the e2e test: the policy reason is stated above.");
  await director.getByRole("button", { name: "Record decision" }).click();
  await expect(director.getByText("Decision saved.")).toBeVisible();
  await expect(director.getByText("Denied (not certified) ·")).toBeVisible();
  // The audit trail names what happened, and people with their roles, never bare account ids.
  await expect(
    director.getByText(/— Denied — Dr\. Director One \(medical director\)/),
  ).toBeVisible();
  await expect(
    director.getByText(/— Viewed by a reviewer — Reviewer One \(reviewer\)/).first(),
  ).toBeVisible();
  await expect(director.getByText(/— Submitted — Dr\. One \(physician\)/)).toBeVisible();

  await physician.reload();
  await expect(physician.getByText("Denied (not certified) ·")).toBeVisible();
  await expect(physician.getByText("Denied for the e2e test")).toBeVisible();
  for (const action of ["Submitted", "Viewed by a reviewer", "Denied"])
    await expect(physician.getByText(`— ${action} —`).first()).toBeVisible();
  await physician.getByRole("link", { name: "My requests" }).click();
  await expect(physician.getByRole("row", { name: new RegExp(reference) })).toContainText("Denied");
});
