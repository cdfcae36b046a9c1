import { expect, test } from "./fixtures";
import {
  ALLOGENEIC,
  BOOST_INDICATION,
  CHIMERISM,
  DIAGNOSIS,
  DLI,
  DLI_INDICATION,
  DLI_DONOR,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  answer,
  expectNoAxeViolations,
  next,
  type Step,
  openWizard,
} from "./wizard-helpers";

const ROUTES: [string, Step[]][] = [
  [
    "DLI",
    [
      [SERVICE, DLI],
      [DIAGNOSIS, "Multiple myeloma"],
      [DLI_INDICATION, "Persistent hematologic malignancy"],
      [PRIOR, ALLOGENEIC],
      [DLI_DONOR, "Yes"],
      [REGIMEN, "No"],
    ],
  ],
  [
    "HPC boost",
    [
      [SERVICE, HPC],
      [PRIOR, ALLOGENEIC],
      [DONOR, "Yes"],
      [REGIMEN, "No"],
      [BOOST_INDICATION, "Enhance chimerism"],
      [CHIMERISM, 40],
    ],
  ],
];

for (const [name, steps] of ROUTES) {
  // Thirteen axe runs on a shared two-core machine.
  test(`axe (WCAG 2.1 A and AA) finds nothing on every step of the ${name} route`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openWizard(page);
    for (const step of steps) {
      await expect(page.getByRole("group", { name: step[0] })).toBeVisible();
      await expectNoAxeViolations(page, `${step[0]} (unanswered)`);
      await answer(page, step);
      await page.getByRole("button", { name: "Show policy text" }).click();
      await expectNoAxeViolations(page, `${step[0]} (answered, policy text open)`);
      await next(page);
    }
    await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
    await expectNoAxeViolations(page, "review");
  });
}

test("axe finds nothing on /policy", async ({ page }) => {
  // The whole policy document: axe takes a while over it on a busy machine.
  test.setTimeout(90_000);
  await page.goto("/policy#literature.cml.1");
  await expectNoAxeViolations(page, "/policy");
});

test("at 360 px wide nothing scrolls sideways", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/policy"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, path).toBeLessThanOrEqual(360);
  }
  await openWizard(page);
  await answer(page, [SERVICE, HPC]);
  await page.getByRole("button", { name: "Show policy text" }).click();
  await page.screenshot({ path: testInfo.outputPath("wizard-360.png"), fullPage: true });
  await testInfo.attach("wizard at 360 px", {
    path: testInfo.outputPath("wizard-360.png"),
    contentType: "image/png",
  });
});

test("at 200 % zoom the wizard still fits and works", async ({ page }) => {
  // 200 % zoom of a 1280 px window lays the page out at 640 CSS px.
  await page.setViewportSize({ width: 640, height: 400 });
  await openWizard(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
  await answer(page, [SERVICE, HPC]);
  await next(page);
  await expect(page.getByRole("group", { name: PRIOR })).toBeVisible();
});
