import type { Page } from "@playwright/test";
import { LATER_SERVICE_DATE } from "../test/dates";
import { STORED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import {
  ALLOGENEIC,
  AUTOLOGOUS,
  DIAGNOSIS,
  DLI,
  DLI_CML,
  DLI_DONOR,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  answer,
  expectNoAxeViolations,
  next,
  openWizard,
  outcome,
  walk,
} from "./wizard-helpers";
import { signIn } from "./workspace-helpers";

const OUTSIDE = "Outside this policy — refer to a medical director";
const READING_NOTE = "This is how the policy reads these answers; it is not the coverage decision.";

const determinationColour = (page: Page, label: string) =>
  outcome(page)
    .getByText(label, { exact: true })
    .evaluate((el) => getComputedStyle(el).borderLeftColor);

test("an HPC boost's regimen question says reinduction chemotherapy is not a preparative regimen", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, HPC],
    [PRIOR, AUTOLOGOUS],
    [DONOR, "Yes"],
  ]);
  const regimen = page.getByRole("group", { name: REGIMEN });
  await expect(regimen).toBeVisible();
  await expect(regimen).toHaveAccessibleDescription(
    "Reinduction chemotherapy given days to weeks earlier to treat relapse is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
  );
  await expect(
    regimen.getByText(/The request is then a transplant \(CPT 38240 allogeneic/),
  ).toBeVisible();
  await expectNoAxeViolations(page, "regimen question");
});

test("a non-malignant DLI is decided at the diagnosis step, before any transplant question", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [[SERVICE, DLI]]);
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await answer(page, [DIAGNOSIS, "Non-malignant condition"]);
  await expect(outcome(page)).toContainText("Experimental, investigational or unproven");
  await expect(outcome(page)).toContainText("Decided at Hematologic malignancy (gate 2)");
  await expect(outcome(page)).toContainText(READING_NOTE);
  await expect(page.getByText("Step 2 of 2")).toBeVisible();
  await expectNoAxeViolations(page, "non-malignant DLI");
  await next(page);
  await expect(page.getByRole("heading", { name: "Review" })).toBeFocused();
  await expect(page.getByRole("group", { name: PRIOR })).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Review" }).getByRole("button", { name: /^Change:/ }),
  ).toHaveCount(2);
});

test("cells from another donor are outside the policy, in their own style, with the referral", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [...DLI_CML, [PRIOR, AUTOLOGOUS]]);
  const denialColour = await determinationColour(
    page,
    "Not medically necessary — criteria not met",
  );

  await page
    .getByRole("region", { name: "Review" })
    .getByRole("button", { name: `Change: ${PRIOR}` })
    .click();
  await answer(page, [PRIOR, ALLOGENEIC]);
  await next(page);
  await answer(page, [DLI_DONOR, "No"]);
  await expect(outcome(page)).toContainText(OUTSIDE);
  // rules revision 3: lymphocytes are not a stem-cell transplant; a medical director decides.
  await expect(outcome(page)).toContainText(
    "Lymphocytes from anyone other than the HSCT donor (a new donor, third-party T cells) are not the DLI this policy describes",
  );
  await expect(outcome(page)).toContainText(READING_NOTE);
  await expect(page.getByRole("region", { name: "Outcome" })).toContainText(
    "The next review date of this policy, June 15, 2022, has passed.",
  );
  const ownColour = await determinationColour(page, OUTSIDE);
  expect(ownColour).not.toBe(denialColour);
  await expectNoAxeViolations(page, "outside-policy outcome");
});

test("a request stored under rules revision 1 keeps its reading; the reviewer sees both and why", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [conditioning, relapsedCml] = STORED_REQUESTS;
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${conditioning.reference}`);
  await expect(
    reviewer.getByText(/rules revision 1: Not medically necessary — criteria not met/),
  ).toBeVisible();
  const alert = reviewer.getByRole("alert").filter({ hasText: "This differs" });
  await expect(alert).toContainText(
    "This differs from the determination stored at submission: Not medically necessary — criteria not met then (rules revision 1), Outside this policy — refer to a medical director now (rules revision 3).",
  );
  await expect(alert).toContainText(
    "Rules revision 2 reads a conditioning regimen as a transplant",
  );
  // The outside-policy reading starts the decision at "request more information", never a denial.
  await expect(reviewer.getByLabel(/^Request more information/)).toBeChecked();
  await expect(reviewer.getByLabel(/^Question to the physician/)).toHaveValue(
    /^Outside Medical Coverage Policy 0261 .*Referred to a medical director\./,
  );
  // The gate that referred the case is ticked as the criterion to document.
  await expect(
    reviewer
      .getByRole("group", { name: "Criteria that need documentation" })
      .getByRole("checkbox", { checked: true }),
  ).toHaveCount(1);
  await expectNoAxeViolations(reviewer, "reviewer page of a revision-1 request");

  await reviewer.goto(`/review/${relapsedCml.reference}`);
  await expect(reviewer.getByText("Same as the determination stored at submission.")).toBeVisible();
  await expect(
    reviewer.getByText(
      /reached at DLI coverage statement \(gate 7\), where revision 1 reached it at DLI indication \(gate 5\)/,
    ),
  ).toBeVisible();
  await expect(reviewer.getByLabel(/^Request more information/)).not.toBeChecked();

  const physician = await browser.newPage();
  await signIn(physician, "physician", `/requests/${conditioning.reference}`);
  await expect(physician.getByText("Not medically necessary — criteria not met")).toBeVisible();
  await expect(
    physician.getByText("Read under policy version 2021-07-15, rules revision 1."),
  ).toBeVisible();
});

test("the review queue filters on the outside-policy determination", async ({ browser }) => {
  const physician = await browser.newPage();
  await signIn(physician, "otherPhysician");
  const created = await physician.request.post("/api/requests", {
    data: {
      patientName: "Outside Patient",
      patientBirthDate: "1971-02-03",
      memberId: "OUT-0001",
      orderingPhysician: "Dr. Two",
      npi: "1234567893",
      serviceDate: LATER_SERVICE_DATE,
      urgency: "standard",
      clinicalNotes: "",
      answers: { service: "hpc-boost", priorTransplant: "none" },
    },
    headers: { "Content-Type": "application/json" },
  });
  expect(created.status()).toBe(201);
  const { reference, determination } = await created.json();
  expect(determination).toBe("outside-policy");

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", "/review");
  await reviewer.getByLabel("Determination").selectOption({ label: OUTSIDE });
  await reviewer.getByRole("button", { name: "Apply filters" }).click();
  await expect(reviewer).toHaveURL(/determination=outside-policy/);
  const rows = reviewer.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: reference })).toHaveCount(1);
  for (const row of await rows.all()) {
    if ((await row.getByRole("cell").count()) === 0) continue;
    await expect(row).toContainText(OUTSIDE);
  }
  await expectNoAxeViolations(reviewer, "queue filtered on outside-policy");
});
