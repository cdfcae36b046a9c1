import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import { followUpUrl } from "@/lib/dtr/follow-up";
import { answersToResponse } from "@/lib/fhir/questionnaire-response";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { claimResponse, ITEM_TRACE_NUMBER, type ResponseInput } from "@/lib/pas/claim-response";
import { MAX_ATTACHMENT_BYTES } from "@/lib/request-model/attachment-check";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import { latestPendItems, pendingItem } from "@/lib/requests/pend-items";
import { findRequest } from "@/lib/requests/repository";
import { decideRequest } from "@/lib/requests/transitions";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { reviewer } from "@/test/actors";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { followUpResponse, SAMPLE_PDF, submitAttachmentParameters } from "@/test/ehr-samples";
import { registerEhrClients, submitSampleOverPas } from "@/test/pas-clients";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { receiveAttachment } from "./receive-attachment";
import { readSubmitAttachment } from "./submit-attachment-input";
import { r4Errors } from "@/test/r4-errors";

// Issue 20, items 1 and 2: a PAS request pended for documents and data, answered over CDex
// $submit-attachment, on a real SQLite file and a real PostgreSQL server.

const BASE = "https://pa.example.org/api/fhir";
const APP = "https://pa.example.org";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const QUESTIONS = "When was the relapse confirmed?\nWhat was the donor chimerism?";
/** Complete answers that read another way than the sample's (no transplant before this DLI). */
const CORRECTED = {
  service: "dli",
  diagnosis: "aml",
  dliIndication: "relapsed",
  priorTransplant: "none",
} as const;

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const problemsOf = (body: unknown) => {
  const read = readSubmitAttachment(body);
  return read.ok ? [] : read.problems.issues.map((i) => i.diagnostics!);
};

describe("CDex $submit-attachment Parameters", () => {
  const valid = (over: Partial<Parameters<typeof submitAttachmentParameters>[0]> = {}) =>
    submitAttachmentParameters({
      trackingId: "acn-1",
      memberId: "M-1",
      documents: [{ title: "report.pdf", data: SAMPLE_PDF }],
      ...over,
    });

  it("reads the TrackingId, the member, Final (absent: true) and each file checked as an upload", () => {
    const read = readSubmitAttachment(valid());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.submission).toMatchObject({ trackingId: "acn-1", memberId: "M-1", final: true });
    expect(read.submission.files.map((f) => [f.name, f.contentType])).toEqual([
      ["report.pdf", "application/pdf"],
    ]);
    const partial = readSubmitAttachment(valid({ final: false }));
    expect(partial.ok && partial.submission.final).toBe(false);
  });

  it("refuses a claim attachment, a missing TrackingId or member, and an Attachment that is neither a document nor a response", () => {
    const body = valid() as { parameter: Record<string, unknown>[] };
    body.parameter[1] = { name: "AttachTo", valueCode: "claim" };
    expect(problemsOf(body)).toEqual([
      "Parameters.parameter[1].valueCode: must be preauthorization: this server takes attachments for prior authorization requests only",
    ]);
    const none = { resourceType: "Parameters", parameter: [] };
    expect(problemsOf(none)).toEqual([
      "Parameters.parameter: TrackingId is required",
      "Parameters.parameter: AttachTo (preauthorization) is required",
      "Parameters.parameter: MemberId is required",
      "Parameters.parameter: at least one Attachment is required (a DocumentReference or a QuestionnaireResponse)",
    ]);
    const odd = valid({ documents: [], responses: [{ resourceType: "Observation" }] });
    expect(problemsOf(odd)).toEqual([
      "Parameters.parameter[4].part[0].resource: must be a DocumentReference or a QuestionnaireResponse",
    ]);
  });

  it("refuses a file by its bytes, over 10 MB, a url instead of data, and more than five attachments", () => {
    expect(
      problemsOf(valid({ documents: [{ title: "x.pdf", data: encode("MZ not a pdf") }] })),
    ).toEqual([
      "Parameters.parameter[4].part[0].resource.content[0].attachment.data: x.pdf is not a PDF, PNG or JPEG file (judged by its content).",
    ]);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(SAMPLE_PDF.slice(0, 8));
    expect(problemsOf(valid({ documents: [{ title: "big.pdf", data: big }] }))).toEqual([
      "Parameters.parameter[4].part[0].resource.content[0].attachment.data: big.pdf is 10.0 MB; a file may be at most 10 MB.",
    ]);
    expect(problemsOf(valid({ documents: [{ url: "https://ehr.example/doc" }] }))).toEqual([
      "Parameters.parameter[4].part[0].resource.content[0].attachment.data: is required: send the file's bytes in attachment.data (base64); a url is never fetched",
    ]);
    expect(
      problemsOf(valid({ documents: Array.from({ length: 6 }, () => ({ data: PNG })) })),
    ).toEqual(["Parameters.parameter: at most 5 attachments in one submission; 6 were sent"]);
  });
});

describe("a pended PAS request's ClaimResponse", () => {
  const request = {
    reference: "R-2026-000001",
    status: "more-information" as const,
    patientName: "Ada Example",
    patientBirthDate: "1970-03-04",
    memberId: "M-1",
    orderingPhysician: "Dr. Grace Hopper",
    npi: "1234567893",
    serviceDate: "2027-06-01",
    submittedAt: "2026-12-05T10:00:00.000Z",
    dueAt: "2026-12-08T10:00:00.000Z",
    evaluation: evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers),
    policyVersion: SAMPLE_POLICY.version,
  };
  const input = (status: ResponseInput["request"]["status"]): ResponseInput => ({
    request: { ...request, status },
    origin: {
      claimIdentifier: "|C-1",
      patientFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000001",
      providerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000002",
      insurerFullUrl: "urn:uuid:00000000-0000-4000-8000-000000000003",
    },
    pendItems: [
      {
        trackingId: "acn-a",
        position: 1,
        criterion: "Prior transplant",
        document: "11526-1",
        question: QUESTIONS,
        contextId: null,
      },
      {
        trackingId: "acn-b",
        position: 2,
        criterion: "DLI indication",
        document: "102089-0",
        question: QUESTIONS,
        contextId: "dtr-b",
      },
    ],
    policy: SAMPLE_POLICY,
    appUrl: APP,
    claimResponseUrl: "urn:uuid:00000000-0000-4000-8000-000000000009",
  });

  it("carries A4 and one PAS CommunicationRequest per item: its attachment control number, the LOINC code, no X12 category; the data item's context id as a trace number", () => {
    const response = claimResponse(input("more-information"));
    expect(response.communicationRequest).toEqual([
      { reference: "#pend-item-1" },
      { reference: "#pend-item-2" },
    ]);
    const contained = response.contained as unknown as Record<string, unknown>[];
    expect(contained.map((c) => (c.identifier as { value: string }[])[0]!.value)).toEqual([
      "acn-a",
      "acn-b",
    ]);
    expect(
      contained.map((c) => (c.payload as { contentString: string }[])[0]!.contentString),
    ).toEqual(["11526-1", "102089-0"]);
    for (const c of contained) {
      expect(c).toMatchObject({
        resourceType: "CommunicationRequest",
        status: "active",
        meta: {
          profile: [
            "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-communicationrequest",
          ],
        },
      });
      expect(c).not.toHaveProperty("category");
    }
    expect(response.item![0]!.extension).toEqual([
      {
        url: ITEM_TRACE_NUMBER,
        valueIdentifier: { system: `${APP}/dtr-context`, value: "dtr-b" },
      },
    ]);
    expect(r4Errors(response)).toEqual([]);
  });

  it("asks for nothing once the information is received", () => {
    const response = claimResponse(input("information-received"));
    expect(response).not.toHaveProperty("communicationRequest");
    expect(response).not.toHaveProperty("contained");
  });
});

describe.each(ENGINES)("a PAS pend answered over CDex on %s", (_engine, open) => {
  const t = testDatabase(open);
  let ehr: TokenHolder;
  let other: TokenHolder;
  beforeAll(async () => {
    const holders = await registerEhrClients(t.db, ["Memorial EHR", "Other EHR"], {
      scopes: "system/Claim.write system/ClaimResponse.read system/Questionnaire.rs",
      npis: [],
    });
    [ehr, other] = holders as [TokenHolder, TokenHolder];
  });

  /** A PAS request from `holder`, pended for a pathology study and for answers as data. */
  async function pended(memberId: string, holder: TokenHolder = ehr) {
    const submitted = await submitSampleOverPas(t.db, holder, { ...SAMPLE_SUBMISSION, memberId });
    const criteria = reachedCriteria(evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers)).slice(
      0,
      2,
    );
    const decided = await decideRequest(t.db, {
      reference: submitted.reference,
      expectedVersion: 1,
      action: "request-information",
      rationale: QUESTIONS,
      actor: reviewer(),
      policy: SAMPLE_POLICY,
      criteria,
      documents: ["11526-1", "102089-0"],
    });
    expect(decided).toMatchObject({ ok: true, status: "more-information" });
    const request = (await findRequest(t.db, submitted.reference))!;
    const [document, data] = await latestPendItems(t.db, request.id);
    return { reference: submitted.reference, request, document: document!, data: data! };
  }

  const stored = async (db: Db, requestId: number) => {
    const count = async (table: "attachments" | "request_events") =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select(sql<number>`count(*)`.as("n"))
            .where("request_id", "=", requestId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { files: await count("attachments"), events: await count("request_events") };
  };
  const send = (holder: TokenHolder, body: object) =>
    receiveAttachment(t.db, holder, { value: body, bytes: encode(body) }, BASE);

  it("stores one item per criterion, each with an unguessable attachment control number; only the data item has a DTR context id, found only by its client", async () => {
    const { document, data } = await pended("CDEX-ITEMS");
    expect(document).toMatchObject({ document: "11526-1", contextId: null, position: 1 });
    expect(data).toMatchObject({ document: "102089-0", position: 2 });
    expect(document.trackingId).toMatch(/^acn-[0-9a-f]{32}$/);
    expect(data.contextId).toMatch(/^dtr-[0-9a-f]{32}$/);
    const mine = await pendingItem(t.db.kysely, ehr.clientId, { contextId: data.contextId! });
    expect(mine?.trackingId).toBe(data.trackingId);
    expect(
      await pendingItem(t.db.kysely, other.clientId, { contextId: data.contextId! }),
    ).toBeUndefined();
  });

  it("refuses another client's TrackingId exactly as an unknown one, a wrong member, and a bad file, storing nothing", async () => {
    const { request, document } = await pended("CDEX-REFUSE");
    const before = await stored(t.db, request.id);
    const theirs = await send(
      other,
      submitAttachmentParameters({
        trackingId: document.trackingId,
        memberId: "CDEX-REFUSE",
        documents: [{ data: SAMPLE_PDF }],
      }),
    );
    const unknown = await send(
      other,
      submitAttachmentParameters({
        trackingId: "acn-00000000000000000000000000000000",
        memberId: "CDEX-REFUSE",
        documents: [{ data: SAMPLE_PDF }],
      }),
    );
    expect(theirs.status).toBe(404);
    expect(theirs).toEqual(unknown);
    const member = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: document.trackingId,
        memberId: "SOMEONE-ELSE",
        documents: [{ data: SAMPLE_PDF }],
      }),
    );
    expect(member.status).toBe(400);
    expect(member.body.issue[0]!.diagnostics).toMatch(/^MemberId: is not the member/);
    const wrongType = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: document.trackingId,
        memberId: "CDEX-REFUSE",
        documents: [{ title: "notes.pdf", data: encode("<html>") }],
      }),
    );
    expect(wrongType.status).toBe(400);
    expect(await stored(t.db, request.id)).toEqual(before);
    expect((await findRequest(t.db, request.reference))!.status).toBe("more-information");
  });

  it("answers item by item: Final false stores and waits, a retry stores nothing new, the last final item makes it 'information received' with the corrected answers read again and the follow-up's answers as the text", async () => {
    const { reference, request, document, data } = await pended("CDEX-LOOP");
    const before = await stored(t.db, request.id);
    const partial = submitAttachmentParameters({
      trackingId: document.trackingId,
      memberId: "CDEX-LOOP",
      final: false,
      documents: [{ title: "pathology.pdf", data: SAMPLE_PDF }],
    });
    const first = await send(ehr, partial);
    expect(first.status).toBe(200);
    expect(await stored(t.db, request.id)).toEqual({
      files: before.files + 1,
      events: before.events + 1,
    });
    expect((await findRequest(t.db, reference))!.status).toBe("more-information");
    // The same bytes again: the same answer, nothing new.
    expect(await send(ehr, partial)).toEqual(first);
    expect(await stored(t.db, request.id)).toEqual({
      files: before.files + 1,
      events: before.events + 1,
    });

    const done = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: document.trackingId,
        memberId: "CDEX-LOOP",
        documents: [{ title: "marrow.png", data: PNG }],
      }),
    );
    expect(done.status).toBe(200);
    expect(done.body.issue[0]!.diagnostics).toMatch(/waits for 1 more item/);
    expect((await findRequest(t.db, reference))!.status).toBe("more-information");

    const corrected = answersToResponse(SAMPLE_POLICY, CORRECTED, "completed", BASE);
    const last = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: data.trackingId,
        memberId: "CDEX-LOOP",
        responses: [
          corrected,
          followUpResponse(followUpUrl(BASE, data.contextId!), ["In March.", "Mixed, 60 %."]),
        ],
      }),
    );
    expect(last.status).toBe(200);
    expect(last.body.issue[0]!.diagnostics).toMatch(/information received/);
    const after = (await findRequest(t.db, reference))!;
    expect(after.status).toBe("information-received");
    expect(after.answers).toEqual(CORRECTED);
    expect(after.determination).toBe(evaluate(SAMPLE_POLICY, CORRECTED).determination);
    expect(after.determination).not.toBe(request.determination);
    const reply = await t.db.kysely
      .selectFrom("request_events")
      .select(["body", "detail_json"])
      .where("request_id", "=", request.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(reply.body).toBe(
      "When was the relapse confirmed?\nIn March.\n\nWhat was the donor chimerism?\nMixed, 60 %.",
    );
    expect(JSON.parse(reply.detail_json)).toMatchObject({
      corrected: true,
      before: { determination: request.determination },
      after: { determination: after.determination },
    });
    const audit = await auditTrail(t.db, reference);
    expect(audit.at(-1)).toMatchObject({ action: "request.replied" });
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({
      via: "cdex",
      client: "Memorial EHR",
      trackingId: data.trackingId,
      status: "information-received",
    });
    expect(audit.filter((a) => a.action === "request.information-added")).toHaveLength(2);
    // Answered: the TrackingId and the context id are no longer pending.
    const again = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: document.trackingId,
        memberId: "CDEX-LOOP",
        documents: [{ data: PNG }],
      }),
    );
    expect(again.status).toBe(404);
    expect(
      await pendingItem(t.db.kysely, ehr.clientId, { contextId: data.contextId! }),
    ).toBeUndefined();
  });

  it("takes parts sent at once (no version to read first) and stores a body sent three times at once once", async () => {
    const { request, document, data } = await pended("CDEX-RACE");
    const before = await stored(t.db, request.id);
    const part = (trackingId: string, title: string) =>
      submitAttachmentParameters({
        trackingId,
        memberId: "CDEX-RACE",
        final: false,
        documents: [{ title, data: SAMPLE_PDF }],
      });
    const same = part(document.trackingId, "same.pdf");
    const answers = await Promise.all([
      send(ehr, part(data.trackingId, "data.pdf")),
      send(ehr, same),
      send(ehr, same),
      send(ehr, same),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[2]).toEqual(answers[1]);
    expect(answers[3]).toEqual(answers[1]);
    expect(await stored(t.db, request.id)).toEqual({
      files: before.files + 2,
      events: before.events + 2,
    });
  });

  it("refuses a follow-up with a question left unanswered, and a response for another Questionnaire", async () => {
    const { request, data } = await pended("CDEX-QR");
    const before = await stored(t.db, request.id);
    const half = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: data.trackingId,
        memberId: "CDEX-QR",
        responses: [followUpResponse(followUpUrl(BASE, data.contextId!), ["In March."])],
      }),
    );
    expect(half.status).toBe(400);
    expect(half.body.issue[0]!.diagnostics).toMatch(/question 2 \(question-2\) is not answered/);
    const elsewhere = await send(
      ehr,
      submitAttachmentParameters({
        trackingId: data.trackingId,
        memberId: "CDEX-QR",
        responses: [followUpResponse(`${BASE}/Questionnaire/something-else`, ["x"])],
      }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.issue[0]!.diagnostics).toMatch(/questionnaire: must be the policy's/);
    expect(await stored(t.db, request.id)).toEqual(before);
  });
});
