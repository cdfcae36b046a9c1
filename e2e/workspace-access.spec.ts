import { expect, test } from "./fixtures";
import { seededReference } from "./accounts";
import { signIn, type Account } from "./workspace-helpers";

const OWN = seededReference(1); // belongs to "physician"

type Outcome = "ok" | "sign-in" | "403" | "404";
type Who =
  | Exclude<
      Account,
      "formTester" | "sweeper" | "actionSweeper" | "submitter" | "keyholder" | "otherDirector"
    >
  | "anonymous";
const ROUTES: [path: string, expected: Record<Who, Outcome>][] = [
  [
    "/requests",
    {
      anonymous: "sign-in",
      physician: "ok",
      otherPhysician: "ok",
      reviewer: "403",
      otherReviewer: "403",
      director: "403",
      admin: "403",
    },
  ],
  [
    "/requests/new",
    {
      anonymous: "sign-in",
      physician: "ok",
      otherPhysician: "ok",
      reviewer: "403",
      otherReviewer: "403",
      director: "403",
      admin: "403",
    },
  ],
  [
    `/requests/${OWN}`,
    {
      anonymous: "sign-in",
      physician: "ok",
      otherPhysician: "404",
      reviewer: "403",
      otherReviewer: "403",
      director: "403",
      admin: "403",
    },
  ],
  [
    "/review",
    {
      anonymous: "sign-in",
      physician: "403",
      otherPhysician: "403",
      reviewer: "ok",
      otherReviewer: "ok",
      director: "ok",
      admin: "ok",
    },
  ],
  [
    `/review/${OWN}`,
    {
      anonymous: "sign-in",
      physician: "403",
      otherPhysician: "403",
      reviewer: "ok",
      otherReviewer: "ok",
      director: "ok",
      admin: "ok",
    },
  ],
  [
    "/review/metrics",
    {
      anonymous: "sign-in",
      physician: "403",
      otherPhysician: "403",
      reviewer: "ok",
      otherReviewer: "ok",
      director: "ok",
      admin: "ok",
    },
  ],
  // Public, and read from the live database on every request: never stored either.
  [
    "/metrics",
    {
      anonymous: "ok",
      physician: "ok",
      otherPhysician: "ok",
      reviewer: "ok",
      otherReviewer: "ok",
      director: "ok",
      admin: "ok",
    },
  ],
  [
    "/review/R-2000-999999",
    {
      anonymous: "sign-in",
      physician: "403",
      otherPhysician: "403",
      reviewer: "404",
      otherReviewer: "404",
      director: "404",
      admin: "404",
    },
  ],
];

// Downloads of a request, fetched rather than opened: status codes only, nothing rendered.
const ALL_READERS = {
  physician: 200,
  otherPhysician: 404,
  reviewer: 200,
  otherReviewer: 200,
  director: 200,
  admin: 200,
};
const EXPORTS: [path: string, expected: Record<Who, number>][] = [
  [`/requests/${OWN}/summary.pdf`, { anonymous: 307, ...ALL_READERS }],
  [`/api/requests/${OWN}/fhir`, { anonymous: 401, ...ALL_READERS }],
  [
    `/requests/R-2000-999999/summary.pdf`,
    {
      anonymous: 307,
      ...ALL_READERS,
      physician: 404,
      reviewer: 404,
      otherReviewer: 404,
      director: 404,
      admin: 404,
    },
  ],
];

const WHO: Who[] = ["anonymous", "physician", "otherPhysician", "reviewer", "director", "admin"];

for (const who of WHO) {
  test(`access control for ${who}`, async ({ page }) => {
    test.setTimeout(90_000);
    if (who !== "anonymous") await signIn(page, who);
    for (const [path, expected] of ROUTES) {
      const response = await page.goto(path);
      const outcome = expected[who];
      if (outcome === "sign-in") {
        await expect(page, path).toHaveURL(
          new RegExp(`/sign-in\\?next=${encodeURIComponent(path)}$`),
        );
        continue;
      }
      expect(response?.status(), `${who} ${path}`).toBe(outcome === "ok" ? 200 : Number(outcome));
      if (outcome === "ok") {
        // Pages with patient data are never stored by the browser or a proxy.
        expect(response?.headers()["cache-control"], path).toContain("no-store");
      }
      if (outcome === "404") await expect(page.getByText("Seeded Patient")).toHaveCount(0);
    }
    for (const [path, expected] of EXPORTS) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${who} ${path}`).toBe(expected[who]);
      if (response.ok()) expect(response.headers()["cache-control"], path).toContain("no-store");
      else expect(await response.text(), path).not.toContain("Seeded Patient");
    }
  });
}

test("signing out ends the session on the server", async ({ page, context }) => {
  await signIn(page, "reviewer");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The old cookie, replayed, no longer opens anything.
  await context.addCookies(cookies);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freview$/);
});

test("a wrong password and an unknown account get the same message", async ({ page }) => {
  for (const email of ["reviewer1@e2e.test", "nobody@e2e.test"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByText(
        "Sign-in failed. Check your email and password, or wait a few minutes and try again.",
      ),
    ).toBeVisible();
  }
});

test("sign-in never sends the browser to another site", async ({ page }) => {
  await signIn(page, "reviewer", "//evil.example/steal");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/review$/);
});
