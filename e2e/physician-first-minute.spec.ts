import { expect, test } from "./fixtures";
import { signIn } from "./workspace-helpers";
import {
  DLI,
  DLI_DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  DIAGNOSIS,
  answer,
  announced,
  expectNoAxeViolations,
  next,
  openWizard,
  walk,
} from "./wizard-helpers";

// Issue 23: a physician's first minute — the questionnaire first, a review step whose way on is
// plain, "Submit a new request" that opens the questionnaire, EHR links that say what went wrong,
// and passages beside a question of its own service only.

const WIDTHS = [
  { name: "1366 px", width: 1366, height: 900 },
  { name: "360 px", width: 360, height: 740 },
] as const;

for (const { name, width, height } of WIDTHS) {
  test.describe(`at ${name}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height });
    });

    test("the questionnaire starts with its first question; the FHIR import waits behind a disclosure", async ({
      page,
    }) => {
      await openWizard(page);
      await expect(page.getByRole("group", { name: SERVICE })).toBeVisible();
      // Before the first answer the panel says what it will show, not "Incomplete".
      await expect(announced(page)).toHaveText(
        "Answer the questions; the policy's reading appears here as you go.",
      );
      await expect(announced(page)).not.toContainText("Incomplete");

      const file = page.getByLabel(
        "Answers exported by an EHR as a FHIR QuestionnaireResponse (.json)",
      );
      await expect(file).toBeHidden();
      // Keyboard: the disclosure opens with Enter.
      const disclosure = page.getByText("Import from a FHIR file", { exact: true });
      await disclosure.focus();
      await page.keyboard.press("Enter");
      await expect(file).toBeVisible();
      await expectNoAxeViolations(page, `the questionnaire's first screen at ${name}`);

      // Once an answer is given, the panel reads the case as before.
      await answer(page, [SERVICE, HPC]);
      await expect(announced(page)).toContainText("Incomplete — the next question that decides it");
    });

    test("the review step's way on is the blue 'Continue to submit this request'; the Change links line up", async ({
      page,
    }) => {
      await openWizard(page);
      // Long answers beside short ones: each row's "Change" must still sit in the same column.
      await walk(page, [
        [SERVICE, DLI],
        [DIAGNOSIS, "Chronic myelogenous leukemia (CML)"],
        [
          "What is the indication for DLI?",
          "Persistent hematologic malignancy (including measurable residual disease)",
        ],
        [PRIOR, "Allogeneic HSCT (including after an earlier autologous HSCT)"],
        [DLI_DONOR, "Yes"],
        [REGIMEN, "No"],
      ]);
      await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
      const go = page.getByRole("link", { name: "Continue to submit this request" });
      const print = page.getByRole("button", { name: "Print summary" });
      await expect(go).toBeVisible();
      await expect(go).toHaveAttribute("href", "/requests/new");
      // Primary: filled (blue, white text); Print: secondary, white.
      const background = (l: typeof go) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(await background(print)).toBe("rgb(255, 255, 255)");
      expect(await background(go)).not.toBe("rgb(255, 255, 255)");
      expect(await go.evaluate((e) => getComputedStyle(e).color)).toBe("rgb(255, 255, 255)");

      const changes = page.getByRole("region", { name: "Review" }).getByRole("button", {
        name: /^Change: /,
      });
      await expect(changes).toHaveCount(6);
      const lefts = await changes.evaluateAll((els) =>
        els.map((e) => Math.round(e.getBoundingClientRect().left)),
      );
      expect(new Set(lefts).size, `left edges ${lefts.join(", ")}`).toBe(1);
      await expectNoAxeViolations(page, `the review step at ${name}`);
    });

    test("an EHR link this server never made says 'not found', never 'opened already'", async ({
      page,
    }) => {
      for (const path of [
        "/ehr-launch",
        "/ehr-launch?launch=",
        `/ehr-launch?launch=${"B".repeat(43)}`,
      ]) {
        await page.goto(path);
        await expect(
          page.getByRole("heading", { name: "This link from the EHR was not found" }),
        ).toBeVisible();
        await expect(page.getByText(/already opened|cannot be opened again/)).toHaveCount(0);
        await expect(
          page.getByText(/Open the order in the EHR again for a new link/),
        ).toBeVisible();
        await expect(page.getByRole("link", { name: /Open the .* questionnaire/ })).toBeVisible();
      }
      await expectNoAxeViolations(page, `an unknown EHR link at ${name}`);
    });
  });
}

test("'Submit a new request' on My requests opens the questionnaire, or the saved draft saying so", async ({
  page,
}) => {
  await signIn(page, "physician", "/requests");
  await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
  await page.getByRole("link", { name: "Submit a new request" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await expect(page.getByRole("group", { name: SERVICE })).toBeVisible();
  await expect(page.getByText(/questionnaire is not finished/)).toHaveCount(0);
  await expect(page.getByText(/saved in this browser/)).toHaveCount(0);

  // A draft in progress: the link opens it where it was left, and says it is the saved draft.
  await answer(page, [SERVICE, DLI]);
  await next(page);
  await expect(page.getByRole("group", { name: DIAGNOSIS })).toBeVisible();
  await page.goto("/requests");
  await page.getByRole("link", { name: "Submit a new request" }).click();
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await expect(page.getByRole("group", { name: DIAGNOSIS })).toBeVisible();
  await expect(
    page.getByText("These are your answers saved in this browser, not yet submitted"),
  ).toBeVisible();
  await expectNoAxeViolations(page, "the saved draft, opened from My requests");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.getByText(/saved in this browser/)).toHaveCount(0);
});

test("the passages beside a question both services ask are the answered service's own", async ({
  page,
}) => {
  const policyText = async (question: string) => {
    await page.getByRole("button", { name: "Show policy text" }).click();
    return page.getByRole("region", { name: `Policy text for: ${question}` });
  };
  await openWizard(page);
  await walk(page, [[SERVICE, HPC]]);
  await answer(page, [PRIOR, "Allogeneic HSCT (including after an earlier autologous HSCT)"]);
  let panel = await policyText(PRIOR);
  await expect(panel.getByRole("link", { name: /\(coverage-policy\.hpc-boost\)/ })).toBeVisible();
  await expect(panel.getByRole("link", { name: /\(coverage-policy\.dli\)/ })).toHaveCount(0);
  await expect(panel).not.toContainText("Donor lymphocyte infusion (DLI) is considered medically");
  await next(page);
  await answer(page, [
    "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?",
    "Yes",
  ]);
  panel = await policyText(
    "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?",
  );
  await expect(panel.getByRole("link", { name: /\(background\.hpc-boost\.1\)/ })).toBeVisible();
  await expect(panel.getByRole("link", { name: /\(background\.dli\.1\)/ })).toHaveCount(0);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Start over" }).click();
  await walk(page, [
    [SERVICE, DLI],
    [DIAGNOSIS, "Chronic myelogenous leukemia (CML)"],
    ["What is the indication for DLI?", "Relapsed hematologic malignancy"],
  ]);
  await answer(page, [PRIOR, "Allogeneic HSCT (including after an earlier autologous HSCT)"]);
  panel = await policyText(PRIOR);
  await expect(panel.getByRole("link", { name: /\(coverage-policy\.dli\)/ })).toBeVisible();
  await expect(panel.getByRole("link", { name: /\(coverage-policy\.hpc-boost\)/ })).toHaveCount(0);
  await next(page);
  await answer(page, [DLI_DONOR, "Yes"]);
  panel = await policyText(DLI_DONOR);
  await expect(panel.getByRole("link", { name: /\(background\.dli\.1\)/ })).toBeVisible();
  await expect(panel.getByRole("link", { name: /\(background\.hpc-boost\.1\)/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "the policy text beside the DLI's cell-source question");
});
