import type { Page } from "@playwright/test";
import { SEEDED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./wizard-helpers";
import { queueRow, signIn, submitRequestByApi } from "./workspace-helpers";

// The whole review loop in the browser, as a physician and reviewers go through it.

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** What the API says about a request (its files, messages and version). */
async function caseOf(page: Page, reference: string) {
  const response = await page.request.get(`/api/requests/${reference}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    status: string;
    version: number;
    attachments: { name: string; href: string }[];
    history: { kind: string; attachments?: { name: string; href: string }[] }[];
  };
}
const fileCount = (c: Awaited<ReturnType<typeof caseOf>>) =>
  c.attachments.length + c.history.reduce((n, h) => n + (h.attachments?.length ?? 0), 0);

test("pend → the physician replies with a file and a corrected answer → approve", async ({
  page: physician,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(physician, "physician");
  const reference = await submitRequestByApi(physician, "LOOP-PEND");
  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", `/review/${reference}`);

  // A4: the criteria come from the case's trace, by gate title.
  await reviewer.getByLabel(/^Request more information/).check();
  const criteria = reviewer.getByRole("group", { name: "Criteria that need documentation" });
  await criteria.getByLabel("HPC boost indication").check();
  // Only the gates the case reached are offered.
  await expect(criteria.getByLabel("DLI indication")).toHaveCount(0);
  await reviewer.getByLabel(/^Question to the physician/).fill("Please send the chimerism report.");
  await reviewer.getByRole("button", { name: "Record decision" }).click();
  await expect(reviewer.getByText("Decision saved.")).toBeVisible();
  await expect(
    reviewer.getByRole("heading", { name: "Information requested", exact: true }),
  ).toBeVisible();
  await expect(reviewer.getByText("Waiting for the physician's reply.")).toBeVisible();

  // The physician sees it on the list and on the request.
  await physician.goto("/requests");
  await expect(physician.getByRole("row", { name: new RegExp(reference) })).toContainText(
    "Information requestedYour reply is needed",
  );
  await physician.getByRole("link", { name: reference }).click();
  await expect(
    physician.getByRole("heading", { name: "Information requested", exact: true }),
  ).toBeVisible();
  await expect(physician.getByText("The reviewer asks about: HPC boost indication")).toBeVisible();
  await expectNoAxeViolations(physician, "request page with the reply form");

  const reply = physician.getByRole("form", { name: "Reply with the information requested" });
  await reply.getByLabel(/^Reply/).fill("The report is attached; the indication is another one.");
  await reply.getByText("Correct the answers to the questionnaire").click();
  await reply
    .getByRole("group", { name: "What is the indication for the HPC boost?" })
    .getByLabel("Other", { exact: true })
    .check();
  await expect(reply.getByText("With the corrected answers:")).toBeVisible();
  await reply.getByLabel(/^Attachments/).setInputFiles({
    name: "chimerism.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await reply.getByRole("button", { name: "Send reply" }).click();
  await expect(physician.getByText("Reply sent")).toBeVisible();
  await expect(
    physician.getByRole("heading", { name: "Information received", exact: true }),
  ).toBeVisible();
  // The correction answer by answer, and both readings under the same labels as everywhere.
  await expect(
    physician.getByText(
      "Corrected answers: HPC boost indication: Promote engraftment (poor graft function) → Other.",
    ),
  ).toBeVisible();
  await expect(
    physician.getByText(
      /Reading before the correction: Medically necessary\. Reading with the corrected answers: Not medically necessary/,
    ),
  ).toBeVisible();

  // The reviewer reads the reply, downloads the file as a download, and approves.
  await reviewer.reload();
  await expect(
    reviewer.getByRole("heading", { name: "Information received", exact: true }),
  ).toBeVisible();
  await expect(reviewer.getByText("The report is attached")).toBeVisible();
  const link = reviewer.getByRole("link", { name: "chimerism.pdf" });
  await expect(link.locator("xpath=..")).toContainText("PDF, uploaded by Dr. One (physician)");
  const download = await reviewer.request.get((await link.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(
    /^attachment; filename="chimerism.pdf"/,
  );
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

  // The corrected reading is not medically necessary: a reviewer cannot approve it, a medical
  // director can.
  await expect(reviewer.getByLabel(/^Approve/)).toHaveCount(0);
  const director = await browser.newPage();
  await signIn(director, "director", `/review/${reference}`);
  await director.getByLabel(/^Approve/).check();
  await director.getByLabel(/^Rationale/).fill("Chimerism report received; meets the policy.");
  await director.getByRole("button", { name: "Record decision" }).click();
  await expect(director.getByText("Decision saved.")).toBeVisible();
  await expect(director.getByRole("heading", { name: "Approved", exact: true })).toBeVisible();
  await reviewer.reload();
  await expect(
    reviewer.getByText(/Attachment downloaded — Reviewer One \(reviewer\)/).first(),
  ).toBeVisible();
  await physician.reload();
  await expect(physician.getByRole("heading", { name: "Approved", exact: true })).toBeVisible();
});

test("deny → appeal with a file → the denier is refused → another medical director overturns", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const physician = await browser.newPage();
  await signIn(physician, "otherPhysician");
  const reference = await submitRequestByApi(physician, "LOOP-APPEAL");
  const denier = await browser.newPage();
  await signIn(denier, "director", `/review/${reference}`);
  await denier.getByLabel(/^Deny/).check();
  await denier.getByLabel(/^Rationale/).fill("Not supported.");
  await denier.getByRole("button", { name: "Record decision" }).click();
  await expect(denier.getByText("Decision saved.")).toBeVisible();

  await physician.goto(`/requests/${reference}`);
  const appeal = physician.getByRole("form", { name: /^Appeal the denial/ });
  await appeal.getByLabel(/^Reason for the appeal/).fill("The new marrow report shows relapse.");
  await appeal.getByLabel(/^Attachments/).setInputFiles({
    name: "marrow.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await appeal.getByRole("button", { name: "Send appeal" }).click();
  await expect(physician.getByText("Appeal sent")).toBeVisible();
  await expect(physician.getByRole("heading", { name: "Appealed", exact: true })).toBeVisible();

  // In the queue, marked as an appeal.
  await denier.goto("/review?status=appealed");
  await expect(await queueRow(denier, reference)).toContainText("Appeal");
  // The reviewer who denied gets no form, and the server refuses them all the same.
  await denier.goto(`/review/${reference}`);
  await expect(
    denier.getByText(
      "You may not decide this appeal. The medical director who denied a request cannot decide its appeal: another medical director must.",
    ),
  ).toBeVisible();
  await expect(denier.getByRole("form", { name: "Decide the appeal" })).toHaveCount(0);
  const { version } = await caseOf(denier, reference);
  const refused = await denier.request.post(`/api/requests/${reference}/appeal-decision`, {
    data: { expectedVersion: version, outcome: "overturn", rationale: "Mine to decide." },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatch(/another medical director must/);
  expect((await caseOf(denier, reference)).status).toBe("appealed");

  const second = await browser.newPage();
  await signIn(second, "otherDirector", `/review/${reference}`);
  await expect(second.getByRole("link", { name: "marrow.png" })).toBeVisible();
  const decide = second.getByRole("form", { name: "Decide the appeal" });
  await decide.getByLabel(/^Overturn/).check();
  await decide.getByLabel(/^Rationale/).fill("The marrow report shows relapse: meets the policy.");
  await decide.getByRole("button", { name: "Record appeal decision" }).click();
  await expect(second.getByText("Appeal decision saved.")).toBeVisible();
  await expect(
    second.getByRole("heading", { name: "Approved on appeal", exact: true }),
  ).toBeVisible();
  await physician.reload();
  await expect(
    physician.getByRole("heading", { name: "Approved on appeal", exact: true }),
  ).toBeVisible();
  await expect(physician.getByRole("form", { name: /^Appeal the denial/ })).toHaveCount(0);
});

test("withdraw, and extend once with the new due time and its reason on every page", async ({
  browser,
}) => {
  const physician = await browser.newPage();
  await signIn(physician, "physician");
  const withdrawn = await submitRequestByApi(physician, "LOOP-WITHDRAW");
  await physician.goto(`/requests/${withdrawn}`);
  const withdraw = physician.getByRole("form", { name: "Withdraw this request" });
  // Withdrawing asks first (e2e/plain-words.spec.ts checks what it says).
  await withdraw.getByRole("button", { name: "Withdraw request" }).click();
  await withdraw.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(withdraw.getByText("The reason is required", { exact: true })).toBeVisible();
  await withdraw.getByLabel(/^Reason for withdrawing/).fill("The patient chose another centre.");
  await withdraw.getByRole("button", { name: "Withdraw request" }).click();
  await withdraw.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(physician.getByText("The request is withdrawn.")).toBeVisible();
  await expect(physician.getByRole("heading", { name: "Withdrawn", exact: true })).toBeVisible();

  // Standard urgency (the seeded request is standard): the reviewer may extend it once.
  const extended = await submitRequestByApi(physician, "LOOP-EXTEND");
  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", `/review/${extended}`);
  const extend = reviewer.getByRole("form", { name: /^Extend the due time/ });
  await extend.getByLabel(/^Days to add/).fill("15");
  await extend.getByLabel(/^Reason for the extension/).fill("Awaiting the transplant centre.");
  await extend.getByRole("button", { name: "Extend due time" }).click();
  await expect(extend.getByText("An extension is at most 14 days", { exact: true })).toBeVisible();
  await extend.getByLabel(/^Days to add/).fill("10");
  await extend.getByRole("button", { name: "Extend due time" }).click();
  await expect(reviewer.getByText("The due time is extended.")).toBeVisible();
  await expect(reviewer.getByRole("form", { name: /^Extend the due time/ })).toHaveCount(0);
  await expect(
    reviewer
      .getByRole("region", { name: "Pending" })
      .getByText(/extended on .*: Awaiting the transplant centre\./),
  ).toBeVisible();
  await physician.goto(`/requests/${extended}`);
  await expect(
    physician.getByText(/extended on .*: Awaiting the transplant centre\./).first(),
  ).toBeVisible();
  await reviewer.goto("/review");
  await expect(await queueRow(reviewer, extended)).toContainText(
    "Extended: Awaiting the transplant centre.",
  );
  // Once only: the API refuses a second extension.
  const again = await reviewer.request.post(`/api/requests/${extended}/extension`, {
    data: { expectedVersion: 2, days: 1, reason: "Again." },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toMatch(/already extended once/);
});

test("a wrong file type, an oversized file and a PDF renamed .exe are refused, and nothing is stored", async ({
  browser,
}) => {
  // A 10 MB file through the browser and the API: slow on a busy machine.
  test.setTimeout(120_000);
  const physician = await browser.newPage();
  await signIn(physician, "physician");
  const reference = await submitRequestByApi(physician, "LOOP-FILES");
  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer");
  const pend = await reviewer.request.post(`/api/requests/${reference}/decision`, {
    data: {
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the report.",
      criteria: ["HPC boost indication"],
    },
  });
  expect(pend.status()).toBe(200);

  const refusedFiles = [
    { name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") },
    {
      name: "huge.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length + 1)]),
    },
    { name: "report.exe", mimeType: "application/octet-stream", buffer: PDF },
  ];
  const messages = [
    /notes\.pdf is not a PDF, PNG or JPEG file/,
    /huge\.pdf is 10\.0 MB; a file may be at most 10 MB/,
    /report\.exe holds a PDF but is named \.exe/,
  ];

  // In the browser: named before anything is sent.
  await physician.goto(`/requests/${reference}`);
  const reply = physician.getByRole("form", { name: "Reply with the information requested" });
  await reply.getByLabel(/^Reply/).fill("Files attached.");
  for (const [i, file] of refusedFiles.entries()) {
    await reply.getByLabel(/^Attachments/).setInputFiles(file);
    await expect(reply.getByText(messages[i]!)).toBeVisible();
    await reply.getByRole("button", { name: "Send reply" }).click();
    await expect(
      reply.getByText("Remove or replace the files named above; nothing was sent."),
    ).toBeVisible();
  }

  // Sent anyway (a script, an integration): the server says the same, and stores nothing.
  for (const [i, file] of refusedFiles.entries()) {
    const response = await physician.request.post(`/api/requests/${reference}/reply`, {
      multipart: { expectedVersion: "2", text: "Files attached.", files: file },
    });
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error).toMatch(/Nothing was saved/);
    expect(body.issues).toEqual([
      { path: "files.0", message: expect.stringMatching(messages[i]!) },
    ]);
  }
  const six = new FormData();
  six.set("expectedVersion", "2");
  six.set("text", "Six files.");
  for (let i = 0; i < 6; i++)
    six.append("files", new File([PDF], `page-${i}.pdf`, { type: "application/pdf" }));
  const tooMany = await physician.request.post(`/api/requests/${reference}/reply`, {
    multipart: six,
  });
  expect(tooMany.status()).toBe(400);
  expect((await tooMany.json()).issues).toEqual([
    { path: "files", message: "A message may carry at most 5 files; 6 were chosen." },
  ]);
  const state = await caseOf(physician, reference);
  expect(fileCount(state)).toBe(0);
  expect(state).toMatchObject({ status: "more-information", version: 2 });
  expect(state.history.map((h) => h.kind)).toEqual(["decision"]);
});

test("another physician gets a 404 for a request and its files, and a visitor gets nothing", async ({
  browser,
}) => {
  const owner = await browser.newPage();
  await signIn(owner, "physician");
  const form = new FormData();
  form.set(
    "request",
    JSON.stringify({
      ...SEEDED_REQUESTS[0],
      memberId: "LOOP-PRIVATE",
    }),
  );
  form.append("files", new File([PDF], "private.pdf", { type: "application/pdf" }));
  const created = await owner.request.post("/api/requests", { multipart: form });
  expect(created.status()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };
  const [file] = (await caseOf(owner, reference)).attachments;
  expect(file?.name).toBe("private.pdf");
  await owner.goto(`/requests/${reference}`);
  await expect(owner.getByRole("link", { name: "private.pdf" })).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, "otherPhysician");
  for (const path of [file!.href, `/api/requests/${reference}`]) {
    const response = await other.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain("private");
  }
  const replied = await other.request.post(`/api/requests/${reference}/withdrawal`, {
    data: { expectedVersion: 1, reason: "Not mine." },
  });
  expect(replied.status()).toBe(404);

  const visitor = await browser.newContext();
  for (const path of [file!.href, `/api/requests/${reference}`]) {
    const response = await visitor.request.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.text()).not.toContain("PDF-1.4");
  }
  await visitor.close();
  expect((await caseOf(owner, reference)).status).toBe("pending");
});

test("the header takes a visitor to sign in, and a reviewer from there to the queue", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Sign in" })
    .click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, "reviewer");
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Review queue" })
    .click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  // The queue names each case's patient, to tell cases apart.
  await expect(page.getByRole("columnheader", { name: "Patient" })).toBeVisible();
});
