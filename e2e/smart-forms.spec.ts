import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { accessToken } from "./ehr-clients";
import { buildHarness, HARNESS_DIR } from "./smart-forms/build-harness";
import { DLI, SERVICE } from "./wizard-helpers";
import { PATHS } from "./wizard-paths";

// Issue 20, item 8: a second real SDC form filler. CSIRO Smart Forms renders the Questionnaire
// of our DTR package with its draft response (the service from the order's CPT code) in
// Chromium; the test answers the wizard's questions on each determination path of
// wizard-paths.spec.ts and reads the response the renderer builds through POST /api/evaluate.
// The harness is served by the test from .e2e-smart-forms/ under a path of our server's origin
// that the server itself never serves (Chromium would not let a page of another origin call a
// loopback address); any request to another origin is aborted (nothing may download at run time).

const HARNESS = "/__smart-forms-harness";
const CPT = "http://www.ama-assn.org/go/cpt";
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

test.beforeAll(async () => {
  await buildHarness();
});

async function openHarness(page: Page, baseURL: string) {
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== baseURL) return route.abort();
    if (!url.pathname.startsWith(`${HARNESS}/`)) return route.continue();
    const path = url.pathname.slice(HARNESS.length);
    if (path === "/")
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Smart Forms harness</title><link rel="stylesheet" href="${HARNESS}/harness.css"></head><body><div id="root"></div><script type="module" src="${HARNESS}/harness.js"></script></body></html>`,
      });
    const file = `${HARNESS_DIR}${path}`;
    const type = file.endsWith(".js")
      ? "text/javascript"
      : file.endsWith(".css")
        ? "text/css"
        : `font/${file.split(".").at(-1)}`;
    return route.fulfill({ body: await readFile(file).catch(() => ""), contentType: type });
  });
  await page.goto(`${baseURL}${HARNESS}/`);
  await page.waitForFunction(() => "renderPackage" in window);
}

/** Answers one question as Smart Forms draws it: a drop-down, Yes/No radios or a text field. */
async function answer(page: Page, question: string, value: string | number) {
  const choice = page.getByRole("combobox", { name: question });
  if (await choice.count()) {
    await choice.click();
    return page.getByRole("option", { name: String(value), exact: true }).click();
  }
  const radios = page.getByRole("radiogroup", { name: question });
  if (await radios.count())
    return radios.getByRole("radio", { name: String(value), exact: true }).check();
  await page.getByRole("textbox", { name: question }).fill(String(value));
}

for (const [name, steps, label, decidedAt] of PATHS) {
  test(`Smart Forms: ${name} → ${label}`, async ({ page, request, baseURL }) => {
    // The DTR client's package for the order: CPT 38242 for a DLI, 38243 for an HPC boost.
    const cpt = steps[0]![1] === DLI ? "38242" : "38243";
    const token = await accessToken(request, baseURL!, "dtr", "system/Questionnaire.rs");
    const response = await request.post("/api/fhir/Questionnaire/$questionnaire-package", {
      data: JSON.stringify({
        resourceType: "Parameters",
        parameter: [
          {
            name: "coverage",
            resource: {
              resourceType: "Coverage",
              id: "cov-sf",
              status: "active",
              beneficiary: { reference: "Patient/sf" },
              payor: [{ reference: "Organization/payer" }],
            },
          },
          {
            name: "order",
            resource: {
              resourceType: "ServiceRequest",
              id: "order-sf",
              status: "draft",
              intent: "order",
              code: { coding: [{ system: CPT, code: cpt }] },
              subject: { reference: "Patient/sf" },
            },
          },
        ],
      }),
      headers: { "content-type": "application/fhir+json", authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(200);
    const bundle = (await response.json()).parameter[0].resource;
    const resource = (type: string) =>
      bundle.entry.map((e: Json) => e.resource).find((r: Json) => r.resourceType === type);

    await openHarness(page, baseURL!);
    await page.evaluate(
      ([questionnaire, draft, url]) =>
        (window as unknown as { renderPackage: (...a: unknown[]) => void }).renderPackage(
          questionnaire,
          draft,
          url,
        ),
      [resource("Questionnaire"), resource("QuestionnaireResponse"), `${baseURL}/api/evaluate`],
    );
    // The service comes answered from the order; the renderer shows it chosen (beside its
    // drop-down's input) and asks the service's first question.
    await expect(page.getByText(String(steps[0]![1]), { exact: true })).toBeVisible();
    await expect(page.getByRole("combobox", { name: SERVICE })).toHaveValue("");
    for (const [question, value] of steps.slice(1)) await answer(page, question, value);
    // Smart Forms commits a typed number after a short pause (its own debounce): read again
    // until it has, as a user would press the button a second time.
    const reading = page.getByRole("status", { name: "Reading" });
    await expect(async () => {
      await page.getByRole("button", { name: "Read the answers under the policy" }).click();
      await expect(reading).toHaveText(`${label}. Decided at ${decidedAt}.`, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  });
}
