import { expect, test } from "./fixtures";
import { SEEDED_REQUESTS } from "./accounts";
import { signIn } from "./workspace-helpers";

const VALID = { ...SEEDED_REQUESTS[0]!, memberId: "API-0001" };
const json = { "Content-Type": "application/json" };

test("POST /api/requests: 401 anonymous, 403 for a reviewer", async ({ page }) => {
  const anonymous = await page.request.post("/api/requests", { data: VALID, headers: json });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: "Sign in to submit a request.", issues: [] });
  await signIn(page, "reviewer");
  const reviewer = await page.request.post("/api/requests", { data: VALID, headers: json });
  expect(reviewer.status()).toBe(403);
});

test("POST /api/requests: a physician stores a request; bad input is refused with every field named", async ({
  page,
}) => {
  await signIn(page, "otherPhysician");
  const created = await page.request.post("/api/requests", { data: VALID, headers: json });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toEqual({
    reference: expect.stringMatching(/^R-\d{4}-\d{6}$/),
    determination: "medically-necessary",
  });
  expect(created.headers()["cache-control"]).toBe("no-store");

  const bad = await page.request.post("/api/requests", {
    data: { ...VALID, npi: "1234567890", patientName: "", determination: "medically-necessary" },
    headers: json,
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
    "(body)",
    "npi",
    "patientName",
  ]);

  const fields = await page.request.post("/api/requests", {
    data: { ...VALID, npi: "1234567890", patientName: "" },
    headers: json,
  });
  expect(fields.status()).toBe(400);
  expect((await fields.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
    "npi",
    "patientName",
  ]);

  const incomplete = await page.request.post("/api/requests", {
    data: { ...VALID, answers: { service: "dli" } },
    headers: json,
  });
  expect(incomplete.status()).toBe(400);
  expect((await incomplete.json()).issues).toEqual([
    { path: "answers.diagnosis", message: "is not answered" },
  ]);

  expect(
    (
      await page.request.post("/api/requests", {
        data: "x=1",
        headers: { "Content-Type": "text/plain" },
      })
    ).status(),
  ).toBe(415);
  expect((await page.request.get("/api/requests")).status()).toBe(405);

  await page.goto("/requests");
  await expect(page.getByRole("link", { name: body.reference })).toBeVisible();
});
