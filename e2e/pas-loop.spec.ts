import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { accessToken, type EhrClient } from "./ehr-clients";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./wizard-helpers";
import { signIn } from "./workspace-helpers";
import { FUTURE_AUTHORIZATION_END, FUTURE_SERVICE_DATE } from "../test/dates";
import {
  inquireBundle,
  SAMPLE_PDF,
  submitBundle,
  withDiagnoses,
  withDocuments,
} from "../test/ehr-samples";

// Issue 20, items 4-6, against next start, on SQLite (project chromium) and PostgreSQL
// (chromium-postgres): a PAS Claim's DocumentReferences become the request's files and its
// diagnosis codes flags for the reviewer; $inquire from another system of the same provider
// (its NPI registered), never on a member ID alone; the authorization an approval carries.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FHIR_JSON = { "content-type": "application/fhir+json" };
const PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition";
const ANOTHER_NPI = "1245319599";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const memberId = () => `LOOP-${randomUUID().slice(0, 8)}`;

function pas(request: APIRequestContext, operation: string, token: string, body: unknown) {
  return request.post(`/api/fhir/Claim/${operation}`, {
    data: body,
    headers: { ...FHIR_JSON, authorization: `Bearer ${token}` },
  });
}

const claimResponses = (bundle: Json): Json[] =>
  bundle.entry.map((e: Json) => e.resource).filter((r: Json) => r.resourceType === "ClaimResponse");

/** An inquiry's whole answer, as the client gets it. */
async function inquiry(
  request: APIRequestContext,
  baseURL: string,
  who: EhrClient,
  s: { memberId: string; npi?: string; preAuthRef?: string },
) {
  const response = await pas(
    request,
    "$inquire",
    await accessToken(request, baseURL, who),
    inquireBundle({ appUrl: baseURL, ...s }),
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as Json;
}

/** An answer that found nothing: its one entry, without its random fullUrl. */
const nothingFound = (bundle: Json) => {
  expect(claimResponses(bundle)).toEqual([]);
  expect(bundle.entry).toHaveLength(1);
  return bundle.entry[0].resource;
};

async function openCase(page: Page, reference: string) {
  await page.goto(`/review/${reference}`);
  await expect(page.getByRole("heading", { name: new RegExp(reference) }).first()).toBeVisible();
}

test.describe("PAS loop, the EHR's half (issue 20, items 4-6)", () => {
  test("$submit with a PDF and a contained PNG and a disagreeing diagnosis code: stored as the request's files, the reviewer sees the flag", async ({
    page: reviewer,
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    // The answers say AML (DLI_AML_RELAPSE); C92.10 is chronic myeloid leukemia.
    const bundle = withDiagnoses(
      withDocuments(submitBundle({ appUrl: baseURL!, memberId: member }), [
        { title: "chimerism report", contentType: "application/pdf", data: SAMPLE_PDF },
        { title: "marrow.png", data: PNG, contained: true },
      ]),
      ["C92.10"],
    );
    const submitted = await pas(request, "$submit", token, bundle);
    expect(submitted.status()).toBe(200);
    const [pended] = claimResponses(await submitted.json());
    const reference = pended!.preAuthRef as string;
    // A retry of the same Bundle (the same files) answers the same and stores nothing new.
    const again = await pas(request, "$submit", token, bundle);
    expect(again.status()).toBe(200);
    expect(again.headers()["idempotent-replayed"]).toBe("true");

    await signIn(reviewer, "reviewer");
    await openCase(reviewer, reference);
    const flags = reviewer.getByRole("region", {
      name: "Diagnosis codes that disagree with the answers",
    });
    await expect(flags).toContainText(
      "C92.10 “Chronic myeloid leukemia, BCR/ABL-positive” points to “Chronic myelogenous leukemia (CML)”",
    );
    await expect(flags).toContainText("The answers were evaluated; check the record.");
    const pdf = reviewer.getByRole("link", { name: "chimerism report.pdf" });
    await expect(pdf.locator("xpath=..")).toContainText("PDF, uploaded by Memorial EHR");
    await expect(reviewer.getByRole("link", { name: "marrow.png" })).toHaveCount(1);
    const download = await reviewer.request.get((await pdf.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await download.body()).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    await expectNoAxeViolations(reviewer, "a PAS case with files and a diagnosis flag");
  });

  test("a bad attachment refuses the whole $submit with where and what, and stores nothing", async ({
    request,
    baseURL,
  }) => {
    const token = await accessToken(request, baseURL!, "memorial");
    const member = memberId();
    const base = submitBundle({ appUrl: baseURL!, memberId: member });
    const cases: [Json, string, RegExp][] = [
      [
        withDocuments(base, [
          { title: "ok.pdf", data: SAMPLE_PDF },
          { title: "notes.html", data: Buffer.from("<html><script>x</script></html>") },
        ]),
        "Bundle.entry[8].resource.content[0].attachment.data",
        /notes\.html is not a PDF, PNG or JPEG file/,
      ],
      [
        withDocuments(base, [{ title: "report.pdf", contentType: "image/png", data: SAMPLE_PDF }]),
        "Bundle.entry[7].resource.content[0].attachment.contentType",
        /but the data is application\/pdf/,
      ],
      [
        withDocuments(base, [{ url: "http://169.254.169.254/latest/meta-data", contained: true }]),
        "Bundle.entry[0].resource.contained[0].content[0].attachment.data",
        /a url is never fetched/,
      ],
    ];
    for (const [body, expression, diagnostics] of cases) {
      const refused = await pas(request, "$submit", token, body);
      expect(refused.status()).toBe(400);
      const outcome = await refused.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue).toHaveLength(1);
      expect(outcome.issue[0].expression).toEqual([expression]);
      expect(outcome.issue[0].diagnostics).toMatch(diagnostics);
    }
    // A body over 10 MB (a file of 8 MB is 10.7 MB as base64) is refused before it is read.
    const big = Buffer.alloc(8 * 1024 * 1024);
    Buffer.from(SAMPLE_PDF).copy(big);
    const tooLarge = await pas(
      request,
      "$submit",
      token,
      withDocuments(base, [{ title: "scan.pdf", data: big }]),
    );
    expect(tooLarge.status()).toBe(413);
    expect((await tooLarge.json()).issue[0]).toMatchObject({
      code: "too-costly",
      diagnostics: expect.stringMatching(/^The Bundle is larger than 10 MB: its files/),
    });
    // Nothing was stored: no request for the member, and the Bundle's identifier is still free.
    nothingFound(await inquiry(request, baseURL!, "memorial", { memberId: member }));
    const good = await pas(request, "$submit", token, base);
    expect(good.status()).toBe(200);
    expect(good.headers()["idempotent-replayed"]).toBeUndefined();
    expect(
      claimResponses(await inquiry(request, baseURL!, "memorial", { memberId: member })),
    ).toHaveLength(1);
  });

  test("$inquire from another system of the same provider: member ID plus its registered NPI; the approval's period, issue date and number", async ({
    browser,
    request,
    baseURL,
  }) => {
    const member = memberId();
    const submitted = await pas(
      request,
      "$submit",
      await accessToken(request, baseURL!, "memorial"),
      submitBundle({ appUrl: baseURL!, memberId: member, serviceDate: FUTURE_SERVICE_DATE }),
    );
    expect(submitted.status()).toBe(200);
    const reference = claimResponses(await submitted.json())[0]!.preAuthRef as string;

    // The lab system (the NPI registered to it) finds it: pended.
    const [pended] = claimResponses(
      await inquiry(request, baseURL!, "colleague", { memberId: member }),
    );
    expect(pended).toMatchObject({ preAuthRef: reference, outcome: "queued" });

    // A client registered for another NPI, the same member under another NPI, or an unknown
    // member: all the same answer, with no hint that a request exists.
    const unknown = nothingFound(
      await inquiry(request, baseURL!, "colleague", { memberId: memberId() }),
    );
    for (const [who, s] of [
      ["elsewhere", { memberId: member }],
      ["elsewhere", { memberId: member, npi: ANOTHER_NPI }],
      ["colleague", { memberId: member, npi: ANOTHER_NPI }],
      ["other", { memberId: member, preAuthRef: reference }],
    ] as const)
      expect(nothingFound(await inquiry(request, baseURL!, who, s))).toEqual(unknown);
    // A member ID alone (no NPI) is no inquiry at all, whoever asks.
    const alone = inquireBundle({ appUrl: baseURL!, memberId: member }) as unknown as Json;
    const practitioner = alone.entry.find((e: Json) => e.resource.resourceType === "Practitioner");
    practitioner.resource.identifier = [];
    const refused = await pas(
      request,
      "$inquire",
      await accessToken(request, baseURL!, "colleague"),
      alone,
    );
    expect(refused.status()).toBe(400);
    expect((await refused.json()).issue[0].diagnostics).toMatch(
      /must include the practitioner's NPI/,
    );

    // A reviewer approves it; the lab system asks by the authorization number.
    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer");
    const approved = await reviewer.request.post(`/api/requests/${reference}/decision`, {
      data: { expectedVersion: 1, action: "approve", rationale: "Meets the policy." },
    });
    expect(approved.status()).toBe(200);
    const { authorization } = await (
      await reviewer.request.get(`/api/requests/${reference}`)
    ).json();
    const [decided] = claimResponses(
      await inquiry(request, baseURL!, "colleague", {
        memberId: member,
        preAuthRef: authorization.number,
      }),
    );
    expect(decided).toMatchObject({ preAuthRef: reference, outcome: "complete" });
    expect(decided!.item[0].extension).toEqual([
      {
        url: `${PAS}/extension-itemPreAuthIssueDate`,
        valueDate: authorization.issuedAt.slice(0, 10),
      },
      {
        url: `${PAS}/extension-itemPreAuthPeriod`,
        valuePeriod: { start: FUTURE_SERVICE_DATE, end: FUTURE_AUTHORIZATION_END },
      },
    ]);
    const action = decided!.item[0].adjudication[0].extension.find(
      (e: Json) => e.url === `${PAS}/extension-reviewAction`,
    );
    expect(action.extension.find((e: Json) => e.url === "number").valueString).toBe(
      authorization.number,
    );

    // Each answer is in the request's history, naming the system that asked.
    await openCase(reviewer, reference);
    await expect(
      reviewer
        .getByText(/Status asked over PAS — Memorial lab system \(EHR client via PAS\)/)
        .first(),
    ).toBeVisible();
    await expect(reviewer.getByText(/Elsewhere EHR/)).toHaveCount(0);
  });
});
