import { expect, type Page } from "@playwright/test";
import { FUTURE_SERVICE_DATE } from "../test/dates";
import { ACCOUNTS, SEEDED_REQUESTS } from "./accounts";

export type Account = keyof typeof ACCOUNTS;

export async function signIn(page: Page, who: Account, next?: string) {
  const { email, password } = ACCOUNTS[who];
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in checks an argon2id hash: slow on a busy machine.
  await expect(page.getByText(`Signed in as ${ACCOUNTS[who].name}`)).toBeVisible({
    timeout: 20_000,
  });
}

export const PATIENT = {
  name: "Marker Patientname",
  birthDate: "1968-05-17",
  memberId: "MBR-77001",
  npi: "1234567893",
  serviceDate: FUTURE_SERVICE_DATE,
  notes: "Molecular relapse at 9 months.",
};

/** Fills and submits the request form; the wizard's draft must already hold a decided case. */
export async function submitRequestForm(
  page: Page,
  patient: typeof PATIENT & { retrospective?: boolean } = PATIENT,
) {
  await page.getByLabel("Patient name").fill(patient.name);
  await page.getByLabel("Date of birth").fill(patient.birthDate);
  await page.getByLabel("Member ID").fill(patient.memberId);
  await page.getByLabel("NPI (10 digits)").fill(patient.npi);
  await page.getByLabel("Planned date of service").fill(patient.serviceDate);
  // A past date: the service was given already, a retrospective request.
  if (patient.retrospective) await page.getByLabel(/^The service was already given/).check();
  await page.getByLabel("Expedited (decision within 72 hours)").check();
  await page.getByLabel(/Clinical notes/).fill(patient.notes);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { name: /^Request R-\d{4}-\d{6}$/ })).toBeVisible();
  return (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Request ", "");
}

/** Stores the seeded request under a new member ID through the API, as the page's signed-in physician. */
export async function submitRequestByApi(page: Page, memberId: string): Promise<string> {
  const created = await page.request.post("/api/requests", {
    data: { ...SEEDED_REQUESTS[0]!, memberId },
    headers: { "Content-Type": "application/json" },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).reference;
}

/** Records a decision on the case page a reviewer or medical director has open. */
export async function recordDecision(page: Page, decision: RegExp, rationale: string) {
  await page.getByLabel(decision).check();
  await page.getByLabel(/^Rationale/).fill(rationale);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Decision saved.")).toBeVisible();
}

/** The queue's row of a request, paging on until it is found (other tests add requests too). */
export async function queueRow(page: Page, reference: string) {
  for (let i = 0; i < 40; i++) {
    const row = page.getByRole("row").filter({ hasText: reference });
    if (await row.count()) return row;
    const before = page.url();
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL((url) => url.toString() !== before);
  }
  throw new Error(`${reference} is not in the queue`);
}
