import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LATER_AUTHORIZATION_END, LATER_SERVICE_DATE } from "../test/dates";
import { pdfText } from "../test/pdf-text";
import { recordDecision, signIn, submitRequestByApi } from "./workspace-helpers";

async function downloadSummary(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download summary (PDF)" }).click(),
  ]);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(download.suggestedFilename()).toMatch(/^R-\d{4}-\d{6}-summary\.pdf$/);
  return (await pdfText(bytes)).join(" ").replace(/\s+/g, " ");
}

test("the PDF summary: downloaded from both request pages, for the owner and reviewers only", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const owner = await browser.newPage();
  await signIn(owner, "otherPhysician");
  const reference = await submitRequestByApi(owner, "PDF-0001");
  const url = `/requests/${reference}/summary.pdf`;

  await owner.goto(`/requests/${reference}`);
  const mine = await downloadSummary(owner);
  expect(mine).toContain(`Prior authorization request ${reference}`);
  expect(mine).toContain("PDF-0001");
  expect(mine).toContain("Medically necessary");
  expect(mine).toContain("Not decided yet.");
  // A passage the deciding gate cites, quoted.
  expect(mine).toContain("considered medically necessary following autologous and allogeneic HSCT");

  const anonymous = await (await browser.newPage()).request.get(url, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers()["location"]).toBe(`/sign-in?next=${encodeURIComponent(url)}`);

  const stranger = await browser.newPage();
  await signIn(stranger, "physician");
  const refused = await stranger.request.get(url);
  expect(refused.status()).toBe(404);
  expect(refused.headers()["content-type"]).not.toContain("pdf");

  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", `/review/${reference}`);
  await recordDecision(reviewer, /^Approve/, "Promote engraftment after autologous HSCT: covered.");
  const filed = await downloadSummary(reviewer);
  expect(filed).toMatch(/Approved \(certified\) · .+ UTC · Reviewer One \(reviewer\)/);
  expect(filed).toContain("For integrators: X12 278 review action code A1.");
  expect(filed).toContain("Promote engraftment after autologous HSCT: covered.");
  // What the approval authorizes, in its own block.
  expect(filed).toMatch(/Authorization Authorization number PA-\d{4}-\d{8}/);
  expect(filed).toContain("Service Hematopoietic progenitor cell (HPC) boost, CPT 38243");
  expect(filed).toContain(
    `Valid ${LATER_SERVICE_DATE} to ${LATER_AUTHORIZATION_END} (90 days, both included)`,
  );
  expect(filed).toMatch(/Issued \d{4}-\d{2}-\d{2} by Reviewer One \(reviewer\)/);

  // Every export is in the request's audit trail.
  await owner.reload();
  await expect(owner.getByText(/— Exported —/)).toHaveCount(2);
});
