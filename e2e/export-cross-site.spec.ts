import { exportsOf } from "./e2e-database";
import { expect, test } from "./fixtures";
import { signIn, submitRequestByApi } from "./workspace-helpers";

// The app under another host name is another site: a page there linking to an export is what
// a phishing page would do. The session cookie (SameSite=Lax) goes with a top-level GET.
const otherSite = (baseURL: string) => baseURL.replace("127.0.0.1", "localhost");

test("a PDF or FHIR export opened from another site is refused before any audit row is written", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "otherPhysician");
  const reference = await submitRequestByApi(page, "XSITE-0001");
  const before = exportsOf(reference);

  await page.goto(`${otherSite(baseURL!)}/policy`);
  for (const path of [`/requests/${reference}/summary.pdf`, `/api/requests/${reference}/fhir`]) {
    const answered = page.waitForResponse((r) => r.url() === `${baseURL}${path}`);
    // A link on the other site's page, followed by the user.
    await page.evaluate((href) => {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = "Open the summary";
      document.body.append(link);
      link.click();
    }, `${baseURL}${path}`);
    const response = await answered;
    expect(response.status(), path).toBe(403);
    expect(await response.text(), path).toContain("Exports open only from the app's own pages");
    await page.goto(`${otherSite(baseURL!)}/policy`);
  }
  expect(exportsOf(reference)).toBe(before);

  // From the app's own request page the same export works, and is audited.
  await page.goto(`/requests/${reference}`);
  const fhir = await page.request.get(`/api/requests/${reference}/fhir`, {
    headers: { "Sec-Fetch-Site": "same-origin" },
  });
  expect(fhir.status()).toBe(200);
  expect(exportsOf(reference)).toBe(before + 1);
});
