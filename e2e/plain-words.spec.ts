import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DLI_CML_RELAPSE, expectNoAxeViolations, openWizard, walk } from "./wizard-helpers";
import { queueRow, recordDecision, signIn, submitRequestByApi } from "./workspace-helpers";

// Issue 23, item 6: what a physician or a reviewer reads is in plain words. Times in the reader's
// own time zone with UTC on hover; no X12 codes or event keys in labels (the codes wait under "For
// integrators"); gates named by their titles; date fields labelled as they display; Withdraw asks
// first, saying what it does.

const ZONE = "America/Chicago";
const WIDTHS = [
  { name: "1366 px", width: 1366, height: 900 },
  { name: "360 px", width: 360, height: 740 },
] as const;

/** "Dec 4, 2026, 6:04 PM CST": the instant as a reader in Chicago reads it. */
const chicago = (iso: string) =>
  new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: ZONE,
  }).format(new Date(iso));

/** A page in Chicago that records any hydration mismatch React reports. */
async function chicagoPage(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({
    timezoneId: ZONE,
    locale: "en-US",
    viewport: { width, height },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|did not match/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

/** Every time in the page's content: Chicago's local time shown, UTC in its title. */
async function expectLocalTimes(page: Page, where: string, atLeast: number) {
  const times = page.locator("main time");
  expect(await times.count(), where).toBeGreaterThanOrEqual(atLeast);
  for (const time of await times.all()) {
    const iso = (await time.getAttribute("datetime"))!;
    expect(iso, where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await expect(time, where).toHaveText(chicago(iso));
    await expect(time, where).toHaveText(/ C[SD]T$/);
    await expect(time, where).toHaveAttribute(
      "title",
      `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
    );
  }
}

/** What the page shows, as read (closed disclosures and hidden text left out). */
const shown = (page: Page) => page.locator("main").evaluate((e) => (e as HTMLElement).innerText);

for (const { name, width, height } of WIDTHS) {
  test.describe(`at ${name}`, () => {
    test("times are local with UTC on hover, decisions and the audit trail carry no codes, gates go by title", async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const { page: physician, problems } = await chicagoPage(browser, width, height);
      await signIn(physician, "physician");
      const reference = await submitRequestByApi(physician, `PW-${randomUUID().slice(0, 8)}`);

      // The reviewer: the queue's due time, then the case and its decision form.
      const { page: reviewer, problems: reviewerProblems } = await chicagoPage(
        browser,
        width,
        height,
      );
      await signIn(reviewer, "reviewer", "/review");
      const row = await queueRow(reviewer, reference);
      const due = row.locator("time");
      await expect(due).toHaveText(chicago((await due.getAttribute("datetime"))!));
      await expect(due).toHaveAttribute("title", / UTC$/);

      await reviewer.goto(`/review/${reference}`);
      await expect(
        reviewer.getByRole("heading", { name: "The policy's reading today" }),
      ).toBeVisible();
      await expect(reviewer.getByText(/recomputed by the server/)).toHaveCount(0);
      const decision = reviewer.getByRole("group", { name: "Decision" });
      await expect(decision.getByLabel("Approve (certified)")).toBeVisible();
      expect(await shown(reviewer)).not.toMatch(/X12/);
      // The codes, for integrators, one disclosure away.
      await decision.getByText("For integrators", { exact: true }).click();
      await expect(
        decision.getByText(
          "X12 278 review action codes: approve A1, deny A3, request more information A4",
        ),
      ).toBeVisible();
      await recordDecision(reviewer, /^Approve/, "Meets the policy.");
      await reviewer.reload();
      const entry = reviewer.getByRole("listitem").filter({ hasText: "Approved (certified) ·" });
      await expect(entry.getByText(/^Approved \(certified\) · .+ · Reviewer One/)).toBeVisible();
      expect(await shown(reviewer)).not.toMatch(/X12|request\.[a-z]/);
      await expectLocalTimes(reviewer, "the reviewer's case page", 4);
      await expectNoAxeViolations(reviewer, `the reviewer's decided case at ${name}`);

      // The physician: the same decision and times, the gate by its title.
      await physician.goto(`/requests/${reference}`);
      await expect(physician.getByRole("heading", { name: "Approved", exact: true })).toBeVisible();
      const text = await shown(physician);
      expect(text).not.toMatch(/X12|request\.[a-z]|\bGate \d/);
      expect(text).toMatch(/[A-Za-z] \(gate \d+\): /);
      expect(text).toContain("Viewed by a reviewer");
      const physicianEntry = physician
        .getByRole("listitem")
        .filter({ hasText: "Approved (certified) ·" });
      await physicianEntry.getByText("For integrators", { exact: true }).click();
      await expect(physicianEntry.getByText("X12 278 review action code A1")).toBeVisible();
      await expectLocalTimes(physician, "the physician's case page", 4);
      await expectNoAxeViolations(physician, `the physician's decided case at ${name}`);

      await physician.goto("/requests");
      const mine = physician.getByRole("row").filter({ hasText: reference });
      await expect(mine.locator("time")).toHaveCount(1);
      await expectLocalTimes(physician, "My requests", 1);

      expect([...problems, ...reviewerProblems]).toEqual([]);
    });

    test("Withdraw asks first and says what it does; keeping the request sends nothing", async ({
      browser,
    }) => {
      const { page } = await chicagoPage(browser, width, height);
      await signIn(page, "physician");
      const reference = await submitRequestByApi(page, `PW-${randomUUID().slice(0, 8)}`);
      await page.goto(`/requests/${reference}`);
      const form = page.getByRole("form", { name: "Withdraw this request" });
      await expect(form).toContainText("it cannot be reopened, answered or appealed");
      await form.getByLabel(/^Reason for withdrawing/).fill("The patient moved.");
      await form.getByRole("button", { name: "Withdraw request" }).click();

      const question =
        "Withdraw this request? No decision will be made on it: the reviewers stop work on it, and it cannot be reopened, answered or appealed. You can submit a new request.";
      const confirm = form.getByRole("group", { name: question });
      await expect(confirm).toBeVisible();
      await expect(confirm.getByText(question)).toBeFocused();
      await expect(form.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);
      await expectNoAxeViolations(page, `the withdrawal's question at ${name}`);

      // "Keep the request": nothing is sent, the request stands.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await expect(confirm.getByRole("button", { name: "Keep the request" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(confirm).toHaveCount(0);
      await expect(form.getByRole("button", { name: "Withdraw request" })).toBeFocused();
      await page.reload();
      await expect(page.getByRole("heading", { name: "Pending", exact: true })).toBeVisible();

      // Asked again and answered yes: withdrawn.
      await form.getByLabel(/^Reason for withdrawing/).fill("The patient moved.");
      await form.getByRole("button", { name: "Withdraw request" }).click();
      await form.getByRole("button", { name: "Yes, withdraw it" }).click();
      await expect(page.getByText("The request is withdrawn.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Withdrawn", exact: true })).toBeVisible();
      await expect(form).toHaveCount(0);
    });

    test("date fields say what they ask, and the browser's date input shows its own format", async ({
      browser,
    }) => {
      const { page } = await chicagoPage(browser, width, height);
      await signIn(page, "physician");
      await openWizard(page);
      await walk(page, DLI_CML_RELAPSE);
      await page.getByRole("link", { name: "Continue to submit this request" }).click();
      for (const label of ["Date of birth", "Planned date of service"]) {
        const input = page.getByLabel(label, { exact: true });
        await expect(input).toHaveAttribute("type", "date");
      }
      expect(await shown(page)).not.toMatch(/YYYY|\bGate \d/);
      await expectNoAxeViolations(page, `the request form at ${name}`);
    });
  });
}
