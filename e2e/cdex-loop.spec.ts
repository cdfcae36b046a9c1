import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { accessToken, EHR_CLIENTS, type EhrClient } from "./ehr-clients";
import { startListener, type Notification } from "./rest-hook-listener";
import { createSubscription, subscriptionBody } from "./subscription-helpers";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./wizard-helpers";
import { signIn } from "./workspace-helpers";
import { FUTURE_AUTHORIZATION_END, FUTURE_SERVICE_DATE } from "../test/dates";
import {
  DLI_AML_RELAPSE,
  followUpResponse,
  inquireBundle,
  SAMPLE_PDF,
  submitAttachmentParameters,
  submitBundle,
  type SampleDocument,
  packageCoverage,
  packageParameters,
} from "../test/ehr-samples";
import { answersToResponse } from "../lib/fhir/questionnaire-response";
import { fhirBase } from "../lib/fhir/canonical";
import { coveragePolicy0261 } from "../lib/policy/packages/coverage-policy-0261";

// Issue 20, items 1, 2 and 9, against next start, on SQLite (project chromium) and PostgreSQL
// (chromium-postgres): an EHR's PAS request pended for a document and for data; the EHR reads the
// two CommunicationRequests from $inquire, fetches the follow-up questions with DTR's
// $questionnaire-package and answers both over CDex $submit-attachment (a 10 MB PDF: more than
// proxy.ts could be handed); the request is "information received", then approved with its
// authorization period. Every refusal stores nothing.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FHIR_JSON = { "content-type": "application/fhir+json" };
const PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition";
const QUESTIONS = ["When was the relapse confirmed?", "What was the donor chimerism?"];
const policy = coveragePolicy0261.versions[0]!;
const memberId = () => `CDEX-${randomUUID().slice(0, 8)}`;
const NPI = EHR_CLIENTS.clinic.npis[0];

const post = async (
  request: APIRequestContext,
  baseURL: string,
  who: EhrClient,
  path: string,
  body: unknown,
) =>
  request.post(`/api/fhir/${path}`, {
    data: body,
    headers: { ...FHIR_JSON, authorization: `Bearer ${await accessToken(request, baseURL, who)}` },
  });

const claimResponses = (bundle: Json): Json[] =>
  bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === "ClaimResponse");
const reviewCode = (response: Json) =>
  response.item[0].adjudication[0].extension
    .find((e: Json) => e.url === `${PAS}/extension-reviewAction`)
    .extension.find((e: Json) => e.url === "code").valueCodeableConcept.coding[0].code;

async function inquire(request: APIRequestContext, baseURL: string, member: string) {
  const response = await post(
    request,
    baseURL,
    "clinic",
    "Claim/$inquire",
    inquireBundle({ appUrl: baseURL, memberId: member, npi: NPI }),
  );
  expect(response.status()).toBe(200);
  const [found] = claimResponses(await response.json());
  return found!;
}

/** What the reviewer's API says of the request: its state, version and messages. */
async function state(reviewer: Page, reference: string) {
  const body = await (await reviewer.request.get(`/api/requests/${reference}`)).json();
  return {
    status: body.status as string,
    version: body.version as number,
    messages: (body.history as Json[]).filter((h) => h.kind !== "decision"),
  };
}

test.describe("a PAS pend answered over CDex (issue 20, items 1, 2 and 9)", () => {
  test("$submit → the reviewer pends a pathology study and questions as data → $inquire shows A4 with two CommunicationRequests → $questionnaire-package by context id → $submit-attachment with a 10 MB PDF and the answers → information received → approved with its period", async ({
    page: reviewer,
    request,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    // The EHR subscribes first: it is told of every change below without polling.
    const listener = await startListener();
    const created = await createSubscription(
      request,
      await accessToken(request, baseURL!, "clinic"),
      subscriptionBody({ endpoint: listener.url, npi: NPI }),
    );
    expect(created.status()).toBe(201);
    const subscription = (await created.json()) as Json;
    expect(subscription.status).toBe("active");
    const ours = (n: Notification) => n.subscription.endsWith(`/${subscription.id}`);
    await listener.next((n) => ours(n) && n.type === "handshake");
    /** The ClaimResponse a notification carries (full-resource: the PAS response Bundle). */
    const notified = (n: Notification): Json => n.bundle.entry[1].resource.entry[0].resource;
    const event = (match: (response: Json) => boolean) =>
      listener.next((n) => ours(n) && n.type === "event-notification" && match(notified(n)));

    const member = memberId();
    const submitted = await post(
      request,
      baseURL!,
      "clinic",
      "Claim/$submit",
      submitBundle({
        appUrl: baseURL!,
        memberId: member,
        npi: NPI,
        serviceDate: FUTURE_SERVICE_DATE,
      }),
    );
    expect(submitted.status()).toBe(200);
    const reference = claimResponses(await submitted.json())[0]!.preAuthRef as string;

    // The reviewer asks, for each of two criteria, what the EHR should send.
    await signIn(reviewer, "reviewer");
    await reviewer.goto(`/review/${reference}`);
    await reviewer.getByLabel(/^Request more information/).check();
    const criteria = reviewer.getByRole("group", { name: "Criteria that need documentation" });
    const boxes = criteria.getByRole("checkbox");
    for (const i of [0, 1]) await boxes.nth(i).check();
    const choices = reviewer.getByLabel(/^What the EHR should send for/);
    await expect(choices).toHaveCount(2);
    // By keyboard: from the second criterion's box, Tab reaches its choice.
    await boxes.nth(1).focus();
    await reviewer.keyboard.press("Tab");
    await expect(choices.nth(1)).toBeFocused();
    await choices.nth(0).selectOption({ label: "Pathology study" });
    await choices.nth(1).selectOption("102089-0");
    await reviewer.getByLabel(/^Question to the physician/).fill(QUESTIONS.join("\n"));
    await expectNoAxeViolations(reviewer, "the pend form of a PAS request");
    await reviewer.getByRole("button", { name: "Record decision" }).click();
    await expect(reviewer.getByText("Decision saved.")).toBeVisible();

    // $inquire: A4 with one CommunicationRequest per item, its LOINC code, no X12 category.
    const pended = await inquire(request, baseURL!, member);
    expect(reviewCode(pended)).toBe("A4");
    expect(pended.communicationRequest).toEqual([
      { reference: "#pend-item-1" },
      { reference: "#pend-item-2" },
    ]);
    const [document, data] = pended.contained as Json[];
    expect(document!.payload[0].contentString).toBe("11526-1");
    expect(data!.payload[0].contentString).toBe("102089-0");
    for (const c of [document!, data!]) {
      expect(c.meta.profile).toEqual([`${PAS}/profile-communicationrequest`]);
      expect(c).not.toHaveProperty("category");
    }
    // The same pend reached the EHR's listener: A4 with both CommunicationRequests.
    const pendEvent = await event((r) => r.preAuthRef === reference && reviewCode(r) === "A4");
    expect(notified(pendEvent).contained).toEqual(pended.contained);
    const trackingOf = (c: Json) => c.identifier[0].value as string;
    const trace = pended.item[0].extension.find(
      (e: Json) => e.url === `${PAS}/extension-itemTraceNumber`,
    );
    const contextId = trace.valueIdentifier.value as string;

    // DTR: the follow-up questions by the context id, for this client only.
    const packageInput = packageParameters(packageCoverage, {
      name: "context",
      valueString: contextId,
    });
    const packaged = await post(
      request,
      baseURL!,
      "clinic",
      "Questionnaire/$questionnaire-package",
      packageInput,
    );
    expect(packaged.status()).toBe(200);
    const bundle = (await packaged.json()).parameter.find(
      (p: Json) => p.name === "PackageBundle",
    ).resource;
    const followUp = bundle.entry[0].resource;
    expect(followUp.resourceType).toBe("Questionnaire");
    expect(followUp.item.map((i: Json) => [i.type, i.text])).toEqual(
      QUESTIONS.map((q) => ["text", q]),
    );
    const elsewhere = await post(
      request,
      baseURL!,
      "dtr",
      "Questionnaire/$questionnaire-package",
      packageInput,
    );
    expect(elsewhere.status()).toBe(404);

    // Refusals: each a 4xx OperationOutcome, and nothing stored.
    const before = await state(reviewer, reference);
    const big = Buffer.alloc(10 * 1024 * 1024);
    Buffer.from(SAMPLE_PDF).copy(big);
    const attach = (over: {
      trackingId?: string;
      memberId?: string;
      documents?: SampleDocument[];
      final?: boolean;
    }) =>
      submitAttachmentParameters({
        trackingId: trackingOf(document!),
        memberId: member,
        documents: [{ title: "pathology.pdf", data: SAMPLE_PDF }],
        ...over,
      });
    const unknown = await post(
      request,
      baseURL!,
      "clinic",
      "$submit-attachment",
      attach({ trackingId: "acn-unknown" }),
    );
    const theirs = await post(request, baseURL!, "other", "$submit-attachment", attach({}));
    expect(unknown.status()).toBe(404);
    expect(theirs.status()).toBe(404);
    expect(await theirs.json()).toEqual(await unknown.json());
    const oversized = Buffer.alloc(10 * 1024 * 1024 + 1);
    Buffer.from(SAMPLE_PDF).copy(oversized);
    for (const [body, status, said] of [
      [attach({ memberId: "SOMEONE-ELSE" }), 400, /^MemberId: is not the member/],
      [
        attach({ documents: [{ title: "scan.pdf", data: oversized }] }),
        400,
        /scan\.pdf is 10\.0 MB; a file may be at most 10 MB/,
      ],
      [
        attach({ documents: [{ title: "notes.html", data: Buffer.from("<html></html>") }] }),
        400,
        /notes\.html is not a PDF, PNG or JPEG file/,
      ],
      [attach({ documents: [{ data: big }, { data: big }] }), 413, /larger than 15 MB/],
    ] as const) {
      const refused = await post(request, baseURL!, "clinic", "$submit-attachment", body);
      expect(refused.status()).toBe(status);
      const outcome = await refused.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue[0].diagnostics).toMatch(said);
    }
    expect(await state(reviewer, reference)).toEqual(before);

    // The pathology study: a 10 MB PDF (13.4 MB in base64). A retry of the same bytes answers the
    // same and stores nothing new.
    const pdf = attach({ documents: [{ title: "pathology.pdf", data: big }] });
    const sent = await post(request, baseURL!, "clinic", "$submit-attachment", pdf);
    expect(sent.status()).toBe(200);
    const first = await sent.json();
    expect(first.issue[0].diagnostics).toMatch(/waits for 1 more item/);
    const afterPdf = await state(reviewer, reference);
    expect(afterPdf.status).toBe("more-information");
    expect(afterPdf.messages).toHaveLength(before.messages.length + 1);
    const again = await post(request, baseURL!, "clinic", "$submit-attachment", pdf);
    expect(again.status()).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(await state(reviewer, reference)).toEqual(afterPdf);

    // The data: the follow-up's answers and corrected answers (CML, not AML), read again.
    const corrected = { ...DLI_AML_RELAPSE, diagnosis: "cml" };
    const answered = await post(
      request,
      baseURL!,
      "clinic",
      "$submit-attachment",
      submitAttachmentParameters({
        trackingId: trackingOf(data!),
        memberId: member,
        responses: [
          followUpResponse(followUp.url, ["In March.", "Mixed, 60 %."]),
          answersToResponse(policy, corrected, "completed", fhirBase(baseURL!)),
        ],
      }),
    );
    expect(answered.status()).toBe(200);
    const received = await state(reviewer, reference);
    expect(received.status).toBe("information-received");
    const reply = received.messages.at(-1)!;
    expect(reply.text).toBe(`${QUESTIONS[0]}\nIn March.\n\n${QUESTIONS[1]}\nMixed, 60 %.`);
    expect(reply.answersAfter).toEqual(corrected);
    expect(reply.answersBefore).toEqual(DLI_AML_RELAPSE);
    expect((await inquire(request, baseURL!, member)).communicationRequest).toBeUndefined();

    // The reviewer sees the PDF and who sent it, and approves.
    await reviewer.goto(`/review/${reference}`);
    await expect(reviewer.getByRole("link", { name: "pathology.pdf" })).toBeVisible();
    await expect(
      reviewer.getByText(
        /^Asked of the EHR: Pathology study for “.+”; Answers to the questions, sent by the EHR as data \(a short form\) for “.+”\.$/,
      ),
    ).toBeVisible();
    await expect(
      reviewer.getByText(/Information sent by the physician's EHR/).first(),
    ).toBeVisible();
    await expect(reviewer.getByText(/Replied with information — Clinic EHR/).first()).toBeVisible();
    const approved = await reviewer.request.post(`/api/requests/${reference}/decision`, {
      data: {
        expectedVersion: received.version,
        action: "approve",
        rationale: "Meets the policy.",
      },
    });
    expect(approved.status()).toBe(200);
    const decided = await inquire(request, baseURL!, member);
    expect(reviewCode(decided)).toBe("A1");
    expect(decided.item[0].extension).toContainEqual({
      url: `${PAS}/extension-itemPreAuthPeriod`,
      valuePeriod: { start: FUTURE_SERVICE_DATE, end: FUTURE_AUTHORIZATION_END },
    });

    // Told without polling: the approval reached the listener with A1 and its period, after the
    // information was received; the events run 1, 2, 3… with none missing.
    const approvedEvent = await event((r) => reviewCode(r) === "A1");
    expect(notified(approvedEvent).item[0].extension).toContainEqual({
      url: `${PAS}/extension-itemPreAuthPeriod`,
      valuePeriod: { start: FUTURE_SERVICE_DATE, end: FUTURE_AUTHORIZATION_END },
    });
    const events = listener.received.filter((n) => ours(n) && n.type === "event-notification");
    const numbers = [...new Set(events.map((n) => n.eventNumber))];
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(
      events.some((n) => {
        const r = notified(n);
        return /information asked for was received/.test(r.disposition) && !r.communicationRequest;
      }),
    ).toBe(true);
    await listener.close();
  });
});
