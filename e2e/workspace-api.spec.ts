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
    // Rule-based approval is off here: a reviewer decides.
    status: "pending",
    // rules-0261.md r3: the lines shown with every determination, for the API client to show.
    determinationNote:
      "This is how the policy reads these answers; it is not the coverage decision.",
    reviewOverdueNotice: expect.stringMatching(
      /^The next review date of this policy, June 15, 2022/,
    ),
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
    {
      path: "answers.diagnosis",
      message: "Not answered yet: “Which condition is the DLI given to treat or prevent?”",
    },
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

test("POST /api/requests with an Idempotency-Key: the same body sent twice at once stores one request; another body is a 409", async ({
  page,
}) => {
  await signIn(page, "keyholder");
  const key = `e2e-${test.info().project.name}-${Date.now()}`;
  const body = { ...VALID, memberId: "IDEM-API-1" };
  const send = (data: unknown, idempotencyKey = key) =>
    page.request.post("/api/requests", {
      data,
      headers: { ...json, "Idempotency-Key": idempotencyKey },
    });

  const [a, b] = await Promise.all([send(body), send(body)]);
  expect([a.status(), b.status()]).toEqual([201, 201]);
  const first = await a.json();
  expect(await b.json()).toEqual(first);
  const replayed = [a, b].filter((r) => r.headers()["idempotent-replayed"] === "true");
  expect(replayed).toHaveLength(1);

  const other = await send({ ...body, memberId: "IDEM-API-2" });
  expect(other.status()).toBe(409);
  expect(await other.json()).toMatchObject({
    error: expect.stringMatching(/Idempotency-Key was already used with a different request body/),
    issues: [{ path: "Idempotency-Key" }],
  });
  const malformed = await send(body, "two words");
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).issues).toEqual([
    { path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
  ]);

  // One request stored, under the reference both answers gave.
  await page.goto("/requests");
  await expect(page.getByRole("link", { name: /^R-\d{4}-\d{6}$/ })).toHaveCount(1);
  await expect(page.getByRole("link", { name: first.reference })).toBeVisible();
});
