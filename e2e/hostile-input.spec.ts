import fc from "fast-check";
import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";
import { hiddenActionFields } from "./action-form";
import { countRows as count } from "./e2e-database";
import { ACCOUNTS, SEEDED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import { contentType, hostileBody, hostileJson, hostileString, MARKUP } from "./hostile";
import { DLI_CML_RELAPSE, openWizard, walk } from "./wizard-helpers";
import { PATIENT, signIn, submitRequestByApi } from "./workspace-helpers";

const requestsOf = (account: "sweeper" | "actionSweeper") =>
  count(
    `SELECT count(*) AS n FROM requests WHERE physician_id = (SELECT id FROM user WHERE email = ?)`,
    ACCOUNTS[account].email,
  );
const stepsStoredOn = (reference: string) =>
  count(
    `SELECT (SELECT count(*) FROM decisions WHERE request_id = r.id)
          + (SELECT count(*) FROM request_events WHERE request_id = r.id)
          + (SELECT count(*) FROM attachments WHERE request_id = r.id) AS n
     FROM requests r WHERE r.reference = ?`,
    reference,
  );
/** Never a 5xx; an HTML answer never carries a markup payload unescaped. */
async function expectHandled(response: APIResponse, what: string) {
  expect(response.status(), what).toBeLessThan(500);
  if ((response.headers()["content-type"] ?? "").includes("text/html")) {
    const html = await response.text();
    for (const payload of MARKUP) expect(html, what).not.toContain(payload);
  }
}

const RUNS = Number(process.env.SWEEP_RUNS ?? 60);
// A lone surrogate has no UTF-8 form, so no URL can carry it.
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
  }
}

// Percent-encoded text, or raw sequences that are not UTF-8 at all.
const pathSegment = fc.oneof(
  hostileString.filter((s) => s.length < 4_000).map(encode),
  fc.constantFrom("%FF", "%ED%A0%80", "%", "%%41", "..%2F..%2Fetc%2Fpasswd", "%00"),
);

test("route handlers: random and adversarial input never gets a 5xx, and nothing rejected is stored", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const physician = await browser.newPage();
  await signIn(physician, "sweeper");
  const reviewer = await browser.newPage();
  await signIn(reviewer, "otherReviewer");
  const as: Record<string, APIRequestContext> = {
    physician: physician.request,
    reviewer: reviewer.request,
  };
  const before = requestsOf("sweeper");
  let created = 0;

  // POST bodies to every route handler that takes one, with any content type.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("/api/evaluate", "/api/fhir/answers", "/api/requests"),
      hostileBody,
      contentType,
      async (path, body, type) => {
        const response = await as.physician!.post(path, {
          data: body,
          headers: type ? { "Content-Type": type } : {},
        });
        await expectHandled(response, `POST ${path} ${type}`);
        if (response.status() === 201) created++;
        // Every refusal says what is wrong: the API's error shape, or FHIR's OperationOutcome.
        if (response.status() >= 400) {
          const refusal = await response.json();
          expect(refusal.error ?? refusal.resourceType, `${path} ${type}`).toMatch(
            /^(?!OperationOutcome$).+|^OperationOutcome$/,
          );
        }
      },
    ),
    { numRuns: RUNS * 3 },
  );

  // A valid submission with one field made hostile: the checks deep inside, not just the parser.
  const valid = { ...SEEDED_REQUESTS[0]!, memberId: "SWEEP-1" } as Record<string, unknown>;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...Object.keys(valid), "answers.service", "answers.boostIndication", "extra"),
      hostileJson,
      async (field, value) => {
        const body = structuredClone(valid);
        if (field.startsWith("answers."))
          (body.answers as Record<string, unknown>)[field.slice(8)] = value;
        else body[field] = value;
        const response = await as.physician!.post("/api/requests", { data: body });
        await expectHandled(response, `POST /api/requests with ${field} hostile`);
        if (response.status() === 201) created++;
      },
    ),
    { numRuns: RUNS * 2 },
  );

  // Every step of the review loop, as the role that may take it: hostile bodies of any content
  // type, and well-formed ones with one field made hostile. Only a 200 stores anything.
  const own = await submitRequestByApi(physician, "SWEEP-LOOP");
  created++;
  const storedBefore = stepsStoredOn(own);
  let accepted = 0;
  const STEPS = [
    ["physician", "reply"],
    ["physician", "withdrawal"],
    ["physician", "appeal"],
    ["reviewer", "decision"],
    ["reviewer", "extension"],
    ["reviewer", "appeal-decision"],
  ] as const;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...STEPS),
      fc.oneof(
        hostileBody.map((body) => ({ body, fields: undefined })),
        fc
          .record({
            expectedVersion: fc.oneof(fc.constant("1"), hostileString),
            text: hostileString,
            reason: hostileString,
            rationale: hostileString,
            action: fc.oneof(fc.constantFrom("approve", "request-information"), hostileString),
            days: fc.oneof(fc.constantFrom("1", "14", "15", "0"), hostileString),
            outcome: fc.oneof(fc.constantFrom("uphold", "overturn"), hostileString),
            answers: hostileBody,
            criteria: hostileString,
          })
          .map((fields) => ({ body: undefined, fields })),
      ),
      contentType,
      async ([who, step], { body, fields }, type) => {
        const path = `/api/requests/${own}/${step}`;
        const response = fields
          ? await as[who]!.post(path, { multipart: fields })
          : await as[who]!.post(path, {
              data: body,
              headers: type ? { "Content-Type": type } : {},
            });
        await expectHandled(response, `POST ${path}`);
        if (response.status() === 200) accepted++;
        if (response.status() >= 400) expect((await response.json()).error).toBeTruthy();
      },
    ),
    { numRuns: RUNS * 3 },
  );
  expect(stepsStoredOn(own) - storedBefore, "stored steps = acknowledged steps").toBe(accepted);

  // The routes beside the steps (assigning a case, auditing a rule approval): hostile bodies of
  // any content type, and well-formed ones with a hostile field. Never a 5xx; every refusal says why.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("assignment", "rule-audit"),
      fc.oneof(
        hostileBody.map((body) => ({ body, fields: undefined })),
        fc
          .record({ assignee: hostileString, agrees: hostileString, note: hostileString })
          .map((fields) => ({ body: undefined, fields })),
      ),
      contentType,
      async (route, { body, fields }, type) => {
        const path = `/api/requests/${own}/${route}`;
        const response = fields
          ? await as.reviewer!.post(path, { multipart: fields })
          : await as.reviewer!.post(path, {
              data: body,
              headers: type ? { "Content-Type": type } : {},
            });
        await expectHandled(response, `POST ${path}`);
        if (response.status() >= 400) expect((await response.json()).error).toBeTruthy();
      },
    ),
    { numRuns: RUNS },
  );

  // Path segments and query strings: references, ids and the queue's filters and cursor.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        (s: string) => `/api/requests/${s}/fhir`,
        (s: string) => `/api/requests/${s}`,
        (s: string) => `/api/requests/${s}/attachments/${s}`,
        (s: string) => `/api/requests/R-2026-000001/attachments/${s}`,
        (s: string) => `/requests/${s}/summary.pdf`,
        (s: string) => `/api/fhir/Questionnaire/${s}`,
        (s: string) => `/api/fhir/Questionnaire?url=${s}`,
        (s: string) => `/api/fhir/CodeSystem/${s}`,
        (s: string) => `/api/fhir/CodeSystem?url=${s}`,
        (s: string) => `/api/fhir/${s}`,
        (s: string) => `/requests/${s}`,
        (s: string) => `/review/${s}`,
        (s: string) => `/review?status=${s}&determination=${s}&urgency=${s}`,
        (s: string) => `/review?cursor=${s}&overdue=${s}`,
        (s: string) => `/sign-in?next=${s}`,
        (s: string) => `/?${s}=${s}`,
      ),
      fc.constantFrom("physician", "reviewer"),
      pathSegment,
      async (route, who, value) => {
        const path = route(value);
        const response = await as[who]!.get(path, { maxRedirects: 0 });
        await expectHandled(response, `GET ${path.slice(0, 80)} as ${who}`);
      },
    ),
    { numRuns: RUNS * 3 },
  );

  expect(requestsOf("sweeper") - before, "stored rows = acknowledged submissions").toBe(created);
});

/** Submits a form for real in the browser and keeps the server action request it sent. */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Request> {
  const captured = page.waitForRequest(
    (r) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await submit();
  return captured;
}

/** Sends a captured server action again with other arguments, as React would encode them. */
function replay(context: APIRequestContext, action: Request, body: string | FormData) {
  const headers = action.headers();
  return context.post(action.url(), {
    headers: {
      Origin: new URL(action.url()).origin,
      "Next-Action": headers["next-action"]!,
      "Next-Router-State-Tree": headers["next-router-state-tree"] ?? "",
      Accept: "text/x-component",
      ...(typeof body === "string" ? { "Content-Type": "text/plain;charset=UTF-8" } : {}),
    },
    ...(typeof body === "string" ? { data: body } : { multipart: body }),
  });
}

test("server actions: random and adversarial arguments never get a 5xx, store nothing rejected", async ({
  browser,
}) => {
  test.setTimeout(300_000);

  // A request to decide, submitted through the form (which posts to /api/requests, fuzzed with
  // the other route handlers above).
  const physician = await browser.newPage();
  await openWizard(physician);
  await walk(physician, DLI_CML_RELAPSE);
  await signIn(physician, "actionSweeper", "/requests/new");
  await physician.getByLabel("Patient name").fill(PATIENT.name);
  await physician.getByLabel("Date of birth").fill(PATIENT.birthDate);
  await physician.getByLabel("Member ID").fill("SWEEP-ACTION");
  await physician.getByLabel("NPI (10 digits)").fill(PATIENT.npi);
  await physician.getByLabel("Planned date of service").fill(PATIENT.serviceDate);
  await physician.getByRole("button", { name: "Submit request" }).click();
  await expect(physician.getByRole("heading", { name: /^Request R-/ })).toBeVisible();
  const reference = (await physician.getByRole("heading", { level: 1 }).textContent())!.slice(8);

  // Search (a reviewer): the form's field made hostile. (Decisions post to the API's step
  // route, swept above with the other steps.)
  const reviewer = await browser.newPage();
  await signIn(reviewer, "otherReviewer", `/review/${reference}`);
  await reviewer.goto("/review");
  await reviewer.getByLabel("Reference or member ID").fill("SWEEP");
  const searchAction = await captureAction(reviewer, () =>
    reviewer.getByRole("button", { name: "Search" }).click(),
  );
  const searchForm = await formOf(searchAction);

  await fc.assert(
    fc.asyncProperty(hostileString, async (q) => {
      const form = new FormData();
      for (const [name, value] of searchForm) form.append(name, name.endsWith("_q") ? q : value);
      await expectHandled(await replay(reviewer.request, searchAction, form), "search action");
    }),
    { numRuns: RUNS },
  );

  // What a reviewer sees of hostile text is text: searched markup is shown, never run.
  await reviewer.getByLabel("Reference or member ID").fill(MARKUP[0]!);
  await reviewer.getByRole("button", { name: "Search" }).click();
  await expect(reviewer.getByLabel("Reference or member ID")).toHaveValue(MARKUP[0]!);
  await expect(reviewer.locator('img[src="x"]')).toHaveCount(0);
});

async function formOf(action: Request): Promise<FormData> {
  return new Response(new Uint8Array(action.postDataBuffer()!), {
    headers: { "Content-Type": action.headers()["content-type"]! },
  }).formData();
}

test("server actions posted as plain HTML forms (no JavaScript): hostile fields, escaped pages", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const hidden = hiddenActionFields(await (await request.get("/sign-in")).text());
  let n = 0;
  await fc.assert(
    fc.asyncProperty(hostileString, hostileString, async (email, password) => {
      // A distinct client address per attempt, so this sweep does not throttle other tests.
      const response = await request.post("/sign-in", {
        multipart: Object.fromEntries([...hidden, ["email", email], ["password", password]]),
        headers: { Origin: baseURL!, "X-Forwarded-For": `198.51.100.${n++ % 250}` },
        maxRedirects: 0,
      });
      await expectHandled(response, "sign-in form");
      expect(response.headers()["set-cookie"] ?? "").not.toContain("session_token");
    }),
    { numRuns: RUNS },
  );
});

// React's references to other parts of a body: a Map, a Blob, a promise, a server reference…
const reactReference = fc
  .tuple(
    fc.constantFrom("$Q", "$W", "$B", "$K", "$F", "$@", "$T", "$D", "$n", "$h", "$", "$R"),
    fc.nat(4),
  )
  .map(([prefix, n]) => `${prefix}${n}`);
const actionArgument = fc.oneof(
  hostileJson,
  reactReference,
  fc.array(reactReference, { maxLength: 3 }),
);
const actionPart = fc.oneof(
  fc.array(actionArgument, { maxLength: 3 }).map((args) => JSON.stringify(args)),
  fc.integer({ min: 20, max: 6_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  hostileString,
);

test("server action bodies of any shape, from a script or as a plain form: never a 5xx", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const hidden = hiddenActionFields(await (await request.get("/sign-in")).text());
  const id = (JSON.parse(hidden.find(([name]) => name.endsWith(":0"))![1]) as { id: string }).id;
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.oneof(
          fc.constantFrom("0", "1", "2", "_1_email", "_1_password"),
          fc.string({ maxLength: 6 }),
        ),
        actionPart,
        { maxKeys: 4 },
      ),
      fc.boolean(),
      fc.constantFrom(...hidden.map(([name]) => name)),
      async (parts, fromScript, replaced) => {
        const body = fromScript
          ? parts
          : { ...Object.fromEntries(hidden), ...parts, [replaced]: parts["0"] ?? "" };
        const response = await request.post("/sign-in", {
          multipart: body,
          headers: {
            Origin: baseURL!,
            "X-Forwarded-For": `203.0.113.${n++ % 250}`,
            ...(fromScript ? { "Next-Action": id } : {}),
          },
          maxRedirects: 0,
        });
        await expectHandled(response, `sign-in action body (${fromScript ? "script" : "form"})`);
      },
    ),
    { numRuns: RUNS * 2 },
  );
});
