import type { Browser, Locator, Page } from "@playwright/test";
import { createHash } from "node:crypto";
import {
  expectedGroups,
  mean,
  median,
  shownApprovedDenied,
  shownCount,
  shownHours,
  shownPercent,
  WITHHELD,
} from "../test/metrics-expected";
import { solveWithheld } from "../test/metrics-attacker";
import { expect, test } from "./fixtures";
import { METRICS_CASES, METRICS_YEAR } from "./metrics-seed";
import { expectNoAxeViolations } from "./wizard-helpers";
import { signIn } from "./workspace-helpers";

// /metrics for the year the e2e server seeds (e2e/metrics-seed.ts): every figure is worked out
// here from the seeded histories, then read from the page, the CSV and the JSON.

const YEAR = METRICS_YEAR;
const PAGE = `/metrics?year=${YEAR}`;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function expectedTable() {
  const { byUrgency, monthly } = expectedGroups(
    METRICS_CASES,
    `${YEAR}-01-01`,
    `${YEAR + 1}-01-01`,
  );
  const column = (u: "standard" | "expedited") => {
    const g = byUrgency[u];
    const [approved, denied] = shownApprovedDenied(g);
    return {
      "Requests decided": shownCount(g.decided),
      Approved: approved,
      Denied: denied,
      "Approved after appeal": shownPercent(g.approvedAfterAppeal, g.decided),
      "Approved after an extension": shownPercent(g.extended, g.decided),
      "Approved by rule": shownPercent(g.approvedByRule, g.decided),
      "Decided within the clock": shownPercent(g.withinClock, g.decided),
      "Average decision time": g.decided ? shownHours(mean(g.decisionMs), g.decided) : "none",
      "Median decision time": g.decided ? shownHours(median(g.decisionMs), g.decided) : "none",
    };
  };
  return { standard: column("standard"), expedited: column("expedited"), monthly };
}

/** The table's body as { row header: [cell, …] }. */
async function readTable(table: Locator): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const row of await table.locator("tbody tr").all()) {
    const header = (await row.locator("th").innerText()).trim();
    rows[header] = (await row.locator("td").allInnerTexts()).map((t) => t.trim());
  }
  return rows;
}

const figuresTable = (page: Page) =>
  page.getByRole("table", { name: `Requests decided in ${YEAR}, by urgency` });
const volumeTable = (page: Page) =>
  page.getByRole("table", { name: `Monthly volume by outcome, ${YEAR}, both urgencies` });

/** The scripts a fresh browser loads for a page, by the SHA-256 of their bodies. */
async function scriptsOf(browser: Browser, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<[string, { url: string; body: string }]>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      pending.push(
        response
          .body()
          .then((body) => [
            createHash("sha256").update(body).digest("hex"),
            { url: response.url(), body: body.toString("utf8") },
          ]),
      );
  });
  await page.goto(path, { waitUntil: "networkidle" });
  const scripts = new Map(await Promise.all(pending));
  await context.close();
  return scripts;
}

/**
 * A shown figure is the one worked out here; a figure resting on 1 to 10 requests is withheld; a
 * figure may also be withheld beside one (complementary suppression, attacked below).
 */
function expectShownOrWithheld(shown: string, expected: string, what: string) {
  if (expected === WITHHELD) expect(shown, what).toBe(WITHHELD);
  else expect([expected, WITHHELD], what).toContain(shown);
}

/** A cell as the files write it: "91.7%" → "91.7", "31.0 hours" → "31.0", "1,204" → "1204". */
const asFileValue = (shown: string) => shown.replace(/%$|\s+hours$/, "").replace(/,/g, "");

test("/metrics shows the seeded year's figures, withheld where they rest on 1 to 10 requests", async ({
  page,
}) => {
  await page.goto(PAGE);
  await expect(
    page.getByRole("heading", { level: 1, name: `Prior authorization metrics, ${YEAR}` }),
  ).toBeVisible();
  // The services come from the policy's own list.
  await expect(page.getByText("CPT 38242: Donor lymphocyte infusion (DLI)")).toBeVisible();
  await expect(
    page.getByText("CPT 38243: Hematopoietic progenitor cell (HPC) boost"),
  ).toBeVisible();

  const expected = expectedTable();
  const table = await readTable(figuresTable(page));
  for (const [metric, standard] of Object.entries(expected.standard)) {
    expectShownOrWithheld(table[metric]![0]!, standard, `standard ${metric}`);
    const expedited = expected.expedited[metric as keyof typeof expected.expedited];
    expectShownOrWithheld(table[metric]![1]!, expedited, `expedited ${metric}`);
  }
  // The seed, read by hand: 12 standard decided, 11 approved, 1 denied; 2 expedited. The one
  // denial withholds the approvals' percent with it (91.7% would say 11 of 12).
  expect(table["Requests decided"]).toEqual(["12", WITHHELD]);
  expect(table["Approved"]![0]).toBe(WITHHELD);
  expect(table["Denied"]![0]).toBe(WITHHELD);
  expect(table["Approved after appeal"]![0]).toBe("0.0%");
  expect(table["Approved by rule"]![0]).toBe("0.0%");
  await expect(
    page.getByText(
      `${WITHHELD}: fewer than 11 requests, or a figure from which one could be worked out.`,
    ),
  ).toHaveCount(2);

  const volume = await readTable(volumeTable(page));
  expect(Object.keys(volume)).toHaveLength(12);
  for (const [i, month] of MONTHS.entries()) {
    const e = expected.monthly.get(`${YEAR}-${String(i + 1).padStart(2, "0")}`);
    expectShownOrWithheld(volume[month]![0]!, shownCount(e?.approved ?? 0), `${month} approved`);
    expectShownOrWithheld(volume[month]![1]!, shownCount(e?.denied ?? 0), `${month} denied`);
    expectShownOrWithheld(
      volume[month]![2]!,
      shownCount(e?.approvedAfterAppeal ?? 0),
      `${month} approved after appeal`,
    );
  }
  // May's approvals after appeal (none) are withheld beside the expedited requests' (none of 2):
  // the months would otherwise add up to the year's.
  expect(volume["May"]).toEqual(["11", WITHHELD, WITHHELD]);
  expect(volume["June"]).toEqual([WITHHELD, "0", "0"]);
  // A withheld bar in the chart names its series.
  await expect(
    page.locator('[data-chart="volume"] text').filter({ hasText: /^Denied: withheld$/ }),
  ).toHaveCount(Object.values(volume).filter((row) => row[1] === WITHHELD).length);

  // Every metric is defined on the page in a sentence.
  for (const metric of Object.keys(expected.standard))
    await expect(
      page.getByRole("term").filter({ hasText: new RegExp(`^${metric}:\\s*$`) }),
    ).toHaveCount(1);
});

test("the CSV and JSON downloads hold the table's cells, withheld ones as words", async ({
  page,
}) => {
  await page.goto(PAGE);
  const table = await readTable(figuresTable(page));
  const volume = await readTable(volumeTable(page));

  const csv = await page.request.get(`/metrics/${YEAR}.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="metrics-${YEAR}.csv"`);
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("period,urgency,metric,value,unit");
  const csvValue = new Map(
    lines.slice(1).map((line) => {
      const [period, urgency, metric, value] = line.split(",");
      return [`${period}|${urgency}|${metric}`, value];
    }),
  );
  for (const [metric, [standard, expedited]] of Object.entries(table)) {
    expect(csvValue.get(`${YEAR}|standard|${metric}`), metric).toBe(asFileValue(standard!));
    expect(csvValue.get(`${YEAR}|expedited|${metric}`), metric).toBe(asFileValue(expedited!));
  }
  for (const [i, month] of MONTHS.entries())
    ["Approved", "Denied", "Approved after appeal"].forEach((series, j) =>
      expect(
        csvValue.get(`${YEAR}-${String(i + 1).padStart(2, "0")}|both|${series}`),
        `${month} ${series}`,
      ).toBe(asFileValue(volume[month]![j]!)),
    );

  const json = await page.request.get(`/metrics/${YEAR}.json`);
  expect(json.status()).toBe(200);
  expect(json.headers()["content-disposition"]).toBe(`attachment; filename="metrics-${YEAR}.json"`);
  const body = await json.json();
  const asJson = (shown: string) =>
    shown === WITHHELD ? shown : shown === "none" ? null : Number(asFileValue(shown));
  for (const { key, label } of body.metrics as { key: string; label: string }[]) {
    expect(body.urgencies.standard[key], label).toEqual(asJson(table[label]![0]!));
    expect(body.urgencies.expedited[key], label).toEqual(asJson(table[label]![1]!));
  }
  expect(body.monthly[4]).toEqual({
    month: `${YEAR}-05`,
    approved: 11,
    denied: WITHHELD,
    approvedAfterAppeal: WITHHELD,
  });
  // What the download publishes leaves nothing withheld to be worked out.
  expect(await solveWithheld(body, WITHHELD)).toEqual([]);
  expect(body.services.map((s: { cpt: string }) => s.cpt)).toEqual(["38242", "38243"]);
});

test("a year that is not one gets a message saying what to give, on the page and for the files", async ({
  page,
}) => {
  const current = new Date().getUTCFullYear();
  for (const year of ["abcd", "1999", String(current + 1), "2024.5"]) {
    const response = await page.goto(`/metrics?year=${year}`);
    expect(response?.status(), year).toBeLessThan(500);
    await expect(page.getByText(`"${year}" is not a year these metrics cover`)).toBeVisible();
    await expect(page.getByRole("link", { name: String(YEAR), exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page, "/metrics with a bad year");
  for (const [path, message] of [
    ["/metrics/abcd.csv", '"abcd" is not a year these metrics cover'],
    ["/metrics/2024.xml", '"2024.xml" is not a download here'],
  ]) {
    const response = await page.request.get(path!);
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toContain(message);
  }
  const json = await page.request.get("/metrics/99.json");
  expect(json.status()).toBe(400);
  expect((await json.json()).error).toMatch(/^"99" is not a year these metrics cover/);
});

test("the footer links every page to the metrics of the current year", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: "Prior authorization metrics" })
    .click();
  await expect(page).toHaveURL(/\/metrics$/);
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: `Prior authorization metrics, ${new Date().getUTCFullYear()}`,
    }),
  ).toBeVisible();
  await page
    .getByRole("navigation", { name: "Other years" })
    .getByRole("link", { name: String(YEAR) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/metrics\\?year=${YEAR}$`));
});

test("the charts are SVG in the server's HTML, and the page needs no script to show them", async ({
  page,
  browser,
}) => {
  // In the HTML as sent, before any script runs.
  const html = await (await page.request.get(PAGE)).text();
  for (const chart of ["clock", "volume"])
    expect(html).toMatch(new RegExp(`<svg[^>]*role="img"[^>]*data-chart="${chart}"`));
  expect(html).toContain(
    `<title id="year-clock-title">Decision times against the clock, ${YEAR}</title>`,
  );

  // Every script /metrics loads is one the 404 page, which has no code of its own, loads too:
  // nothing of the charts or the metrics reaches the browser as code.
  const framework = await scriptsOf(browser, "/no-such-page");
  const loaded = await scriptsOf(browser, PAGE);
  expect(loaded.size).toBeGreaterThan(0);
  for (const [hash, { url, body }] of loaded) {
    expect(framework.has(hash), `${url} is the framework's`).toBe(true);
    for (const marker of [
      "data-chart",
      "no withheld figure can be worked out",
      "Decision times against the clock",
    ])
      expect(body.includes(marker), `${marker} in ${url}`).toBe(false);
  }

  // With JavaScript off, the same charts and figures.
  await page.goto(PAGE);
  const withScripts = await readTable(figuresTable(page));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto(PAGE);
  await expect(
    noScript.getByRole("img", { name: `Decision times against the clock, ${YEAR}` }),
  ).toBeVisible();
  await expect(
    noScript.getByRole("img", { name: `Monthly volume by outcome, ${YEAR}` }),
  ).toBeVisible();
  expect(await readTable(figuresTable(noScript))).toEqual(withScripts);
  await context.close();
});

test("axe finds nothing on /metrics, and at 360 px nothing scrolls sideways", async ({ page }) => {
  await page.goto(PAGE);
  await expectNoAxeViolations(page, PAGE);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(PAGE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("/review/metrics: sign-in for the anonymous, 403 for a physician", async ({ page }) => {
  await page.goto("/review/metrics");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freview%2Fmetrics$/);
  await signIn(page, "physician");
  const response = await page.goto("/review/metrics");
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole("heading", { name: "You do not have access to this page" }),
  ).toBeVisible();
});

test("/review/metrics shows a reviewer the queue, the week's decisions by name and the last 90 days", async ({
  page,
}) => {
  await signIn(page, "reviewer", "/review");
  await page.getByRole("link", { name: "Review metrics" }).click();
  await expect(page).toHaveURL(/\/review\/metrics$/);
  await expect(page.getByRole("heading", { level: 1, name: "Review metrics" })).toBeVisible();
  const open = page.getByRole("table", { name: "Open cases by state, due today and overdue" });
  for (const state of [
    "Pending",
    "Information requested",
    "Information received",
    "Awaiting a medical director",
    "Appealed",
    "Overdue",
  ])
    await expect(open.getByRole("rowheader", { name: state, exact: true })).toBeVisible();
  // Each open-case figure opens the queue filtered to what it counts.
  await open
    .getByRole("row", { name: /^Awaiting a medical director/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/\/review\?status=awaiting-medical-director$/);
  await expect(
    page.getByRole("table", { name: "Awaiting a medical director, soonest due first" }),
  ).toBeVisible();
  await page.goBack();
  // Reviewer One decided one of the seeded requests while the server started.
  await expect(
    page
      .getByRole("table", { name: "Decisions this week by reviewer" })
      .getByRole("rowheader", { name: "Reviewer One" }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", { name: "Decision times against the clock, the last 90 days" }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", { name: "Weekly volume by outcome, the last 90 days" }),
  ).toBeVisible();
  // No patient is named.
  for (const name of ["Ada Example", "Seeded Patient", "Marker Patientname"])
    await expect(page.getByText(name)).toHaveCount(0);
  await expectNoAxeViolations(page, "/review/metrics");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
