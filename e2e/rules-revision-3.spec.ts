import { FUTURE_SERVICE_DATE } from "../test/dates";
import { STORED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import {
  ALLOGENEIC,
  AUTOLOGOUS,
  BOOST_INDICATION,
  CHIMERISM,
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
  type Step,
} from "./wizard-helpers";
import { signIn } from "./workspace-helpers";

// rules-0261.md revision 3 in the browser: what the wizard offers, how it words each service's
// questions, how it takes a lab's chimerism, and how a reviewer sees r3 readings.

const HPC_TO_INDICATION = (prior: string): Step[] => [
  [SERVICE, HPC],
  [PRIOR, prior],
  [DONOR, "Yes"],
  [REGIMEN, "No"],
];

test("Enhance chimerism is not offered after an autologous HSCT, and is after an allogeneic one", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, HPC_TO_INDICATION(AUTOLOGOUS));
  const indication = page.getByRole("group", { name: BOOST_INDICATION });
  await expect(indication.getByRole("radio")).toHaveCount(2);
  await expect(indication.getByRole("radio", { name: /^Enhance chimerism/ })).toHaveCount(0);
  // The help that would point to it is not shown either; Promote engraftment says what it covers.
  await expect(indication).toContainText(
    "Poor graft function or delayed engraftment with the graft in place (donor cells, or the patient's own after an autologous HSCT)",
  );
  await expect(indication).not.toContainText("choose Enhance chimerism");
  await expectNoAxeViolations(page, "boost indication after an autologous HSCT");

  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Back" }).click();
  await answer(page, [PRIOR, ALLOGENEIC]);
  await next(page);
  await next(page);
  await next(page);
  await expect(indication.getByRole("radio")).toHaveCount(3);
  await expect(indication.getByRole("radio", { name: /^Enhance chimerism/ })).toBeVisible();
  await expect(indication).toContainText(
    "For graft rejection or loss (donor cells below 5%) choose Enhance chimerism and enter the result; a medical director reviews it.",
  );
});

test("a chimerism of 92% is taken as typed; '>99%' is explained; 2% is graft loss for a medical director", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [...HPC_TO_INDICATION(ALLOGENEIC), [BOOST_INDICATION, "Enhance chimerism"]]);
  const group = page.getByRole("group", { name: CHIMERISM });
  await expect(group).toHaveAccessibleDescription(
    /Enter 100 if the report says full donor, '>99%' or no recipient cells detected; enter 0 if it says '<1%' or no donor cells detected\./,
  );
  const field = group.getByRole("textbox");
  await field.fill("92%");
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expect(outcome(page).getByRole("status")).toContainText("Medically necessary");

  await field.fill(">99%");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(group).toContainText("“>99%” is a range, not a number");
  await expect(outcome(page).getByRole("status")).toContainText("Incomplete");

  await field.fill("2");
  await expect(outcome(page).getByRole("status")).toContainText(
    "Outside this policy — refer to a medical director",
  );
  await expect(outcome(page)).toContainText("graft rejection or loss");
  // The policy's letter, for the medical director.
  await expect(outcome(page)).toContainText("“when studies reveal <100% donor cells”");
  await expectNoAxeViolations(page, "chimerism question");
});

test("the cell-source question and the regimen help are worded for each service", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [...DLI_CML, [PRIOR, ALLOGENEIC]]);
  const source = page.getByRole("group", { name: DLI_DONOR });
  await expect(source).toBeVisible();
  await expect(source).not.toContainText("stored cells");
  await source.getByRole("radio", { name: "No" }).check();
  await expect(source).toContainText("Lymphocytes from anyone other than the HSCT donor");
  await expect(source).not.toContainText("transplant (CPT 38240");
  await source.getByRole("radio", { name: "Yes" }).check();
  await next(page);
  const regimen = page.getByRole("group", { name: REGIMEN });
  await expect(regimen).toHaveAccessibleDescription(
    "Treatment of the disease before or with the DLI — cytoreduction, hypomethylating or targeted agents — is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
  );
  await expect(regimen).not.toContainText("Reinduction");
  await expectNoAxeViolations(page, "DLI regimen question");

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Start over" }).click();
  await walk(page, [
    [SERVICE, HPC],
    [PRIOR, AUTOLOGOUS],
  ]);
  await expect(page.getByRole("group", { name: DONOR })).toContainText(
    "the patient's own stored cells after an autologous HSCT",
  );
});

test("a request stored under rules revision 2 keeps its reading; the reviewer and the API see the r3 reading beside it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const stored = STORED_REQUESTS.find((r) => r.reference === "R-2025-000003")!;
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${stored.reference}`);
  await expect(
    reviewer.getByText(/rules revision 2: Not medically necessary — criteria not met/),
  ).toBeVisible();
  const alert = reviewer.getByRole("alert").filter({ hasText: "This differs" });
  await expect(alert).toContainText(
    "Not medically necessary — criteria not met then (rules revision 2), Incomplete — the next question that decides it now (rules revision 3)",
  );
  await expect(alert).toContainText(
    "Rules revision 3 does not offer “Enhance chimerism” after an autologous HSCT",
  );
  // The decision starts at a question to the physician, never at a prefilled denial.
  await expect(reviewer.getByLabel(/^Request more information/)).toBeChecked();
  await expect(reviewer.getByLabel(/^Question to the physician/)).toHaveValue(
    /^Please answer: “What is the indication for the HPC boost\?”.*Enhancement of chimerism needs donor cells/,
  );
  await expectNoAxeViolations(reviewer, "reviewer page of a revision-2 request");

  const json = await (await reviewer.request.get(`/api/requests/${stored.reference}`)).json();
  expect(json).toMatchObject({
    determination: "not-medically-necessary",
    rulesRevision: 2,
    determinationNote:
      "This is how the policy reads these answers; it is not the coverage decision.",
    reviewOverdueNotice: expect.stringContaining("June 15, 2022, has passed"),
    currentReading: {
      determination: "incomplete",
      rulesRevision: 3,
      differs: true,
      explanation: [expect.stringContaining("does not offer “Enhance chimerism”")],
    },
  });
});

test("100% donor cells: the reviewer starts by asking about poor graft function, never a prefilled denial", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const physician = await browser.newPage();
  await signIn(physician, "otherPhysician");
  const created = await physician.request.post("/api/requests", {
    data: {
      patientName: "Full Donor",
      patientBirthDate: "1975-04-05",
      memberId: "R3-FULL-0001",
      orderingPhysician: "Dr. Two",
      npi: "1234567893",
      serviceDate: FUTURE_SERVICE_DATE,
      urgency: "standard",
      clinicalNotes: "",
      answers: {
        service: "hpc-boost",
        priorTransplant: "allogeneic",
        sameDonor: true,
        preparativeRegimen: false,
        boostIndication: "enhance-chimerism",
        donorChimerismPercent: 100,
      },
    },
    headers: { "Content-Type": "application/json" },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toMatchObject({
    determination: "not-medically-necessary",
    determinationNote:
      "This is how the policy reads these answers; it is not the coverage decision.",
  });

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${body.reference}`);
  await expect(reviewer.getByLabel(/^Request more information/)).toBeChecked();
  await expect(reviewer.getByLabel(/^Question to the physician/)).toHaveValue(
    /^Does the patient have persistent cytopenias or transfusion dependence\?/,
  );
});
