import type { Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DLI_CML_RELAPSE, openWizard, walk } from "./wizard-helpers";
import { PATIENT, signIn } from "./workspace-helpers";

test("the submission form stores one request, however often it is sent", async ({ page }) => {
  test.setTimeout(90_000);
  const fill = async (memberId: string) => {
    await openWizard(page);
    await walk(page, DLI_CML_RELAPSE);
    await page.goto("/requests/new");
    await page.getByLabel("Patient name").fill(PATIENT.name);
    await page.getByLabel("Date of birth").fill(PATIENT.birthDate);
    await page.getByLabel("Member ID").fill(memberId);
    await page.getByLabel("NPI (10 digits)").fill(PATIENT.npi);
    await page.getByLabel("Planned date of service").fill(PATIENT.serviceDate);
  };
  const stored = async () => {
    await page.goto("/requests");
    return page.getByRole("link", { name: /^R-\d{4}-\d{6}$/ }).count();
  };
  await signIn(page, "submitter");
  const before = await stored();

  // A double click on "Submit request".
  await fill("ONCE-1");
  await page.getByRole("button", { name: "Submit request" }).dblclick();
  await expect(page.getByRole("heading", { name: /^Request R-\d{4}-\d{6}$/ })).toBeVisible();
  expect(await stored()).toBe(before + 1);

  // The same form sent again, as a browser resends it after a lost answer.
  await fill("ONCE-2");
  const sent = page.waitForRequest(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/requests",
  );
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { name: /^Request R-\d{4}-\d{6}$/ })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.slice(8);
  const again = await resend(page.request, await sent);
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(await again.json()).toMatchObject({ reference });
  expect(await stored()).toBe(before + 2);
});

/** The browser's own request, sent again byte for byte with its Idempotency-Key. */
function resend(context: import("@playwright/test").APIRequestContext, request: Request) {
  const headers = request.headers();
  return context.post(request.url(), {
    headers: {
      Origin: new URL(request.url()).origin,
      "Idempotency-Key": headers["idempotency-key"]!,
      "Content-Type": headers["content-type"]!,
    },
    data: request.postDataBuffer()!,
  });
}
