import { describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { FUTURE_SERVICE_DATE, LATER_SERVICE_DATE } from "@/test/dates";
import {
  REQUEST_FIELD_NAMES,
  requestSubmissionSchemaFor,
  type RequestSubmission,
} from "@/lib/validations/request-submission";
import { findRequest, requestsOfPhysician, reviewQueue, submitRequest } from "./repository";
import { replyToRequest, decideRequest } from "./transitions";
import { caseHistory } from "./case-history";
import { reviewer } from "@/test/actors";

// The one request model (request-row.ts): what a physician submits is what the case page, the
// review queue and the physician's own list show, field by field, on both engines.

const policyOf = () => SAMPLE_POLICY;

/** Submissions that differ in every field a row stores differently from its text. */
const SUBMISSIONS: [string, RequestSubmission][] = [
  ["the sample, expedited", SAMPLE_SUBMISSION],
  [
    "standard, with notes of many lines and a name with an apostrophe",
    {
      ...SAMPLE_SUBMISSION,
      patientName: "Seán O'Brien-Ng",
      memberId: "ABC-0042",
      urgency: "standard",
      clinicalNotes: "Line one.\nLine two: café, 50 % chimerism.",
    },
  ],
  [
    "retrospective, empty notes",
    {
      ...SAMPLE_SUBMISSION,
      serviceDate: "2026-01-05",
      retrospective: true,
      clinicalNotes: "",
    },
  ],
];

describe.each(ENGINES)("the request model on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });

  it.each(SUBMISSIONS)("%s: read back as submitted, the same on every view", async (_, input) => {
    const physicianId = `physician-${input.memberId}`;
    const result = await submitRequest(t.db, physicianId, input, SAMPLE_POLICY);
    if (!result.ok) throw new Error(`not stored: ${result.reason}`);
    const stored = (await findRequest(t.db, result.reference))!;
    for (const field of REQUEST_FIELD_NAMES) expect(stored[field], field).toEqual(input[field]);
    expect(stored.answers).toEqual(input.answers);
    expect(stored.retrospective).toBe(input.retrospective === true);

    const [queued] = (await reviewQueue(t.db, { search: result.reference }, { policyOf })).rows;
    const [listed] = (await requestsOfPhysician(t.db, physicianId, { policyOf })).rows;
    for (const row of [queued!, listed!])
      for (const [field, value] of Object.entries(row))
        if (field !== "deniedBy")
          expect(value, field).toEqual(stored[field as keyof typeof stored]);
  });

  it("stores the names without the spaces typed around them", async () => {
    const parsed = requestSubmissionSchemaFor(SAMPLE_POLICY).parse({
      ...SAMPLE_SUBMISSION,
      patientName: "  Ada Example ",
      orderingPhysician: "\tDr. Grace Hopper  ",
    });
    const result = await submitRequest(t.db, "physician-trim", parsed, SAMPLE_POLICY);
    if (!result.ok) throw new Error(`not stored: ${result.reason}`);
    expect(await findRequest(t.db, result.reference)).toMatchObject({
      patientName: "Ada Example",
      orderingPhysician: "Dr. Grace Hopper",
    });
  });

  it("reads a message's detail back through its schema, and refuses one that does not fit", async () => {
    const result = await submitRequest(t.db, "physician-detail", SAMPLE_SUBMISSION, SAMPLE_POLICY);
    if (!result.ok) throw new Error(`not stored: ${result.reason}`);
    const { reference } = result;
    await decideRequest(t.db, {
      reference,
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the chimerism report.",
      criteria: ["Indication"],
      actor: reviewer(),
      policy: SAMPLE_POLICY,
    });
    await replyToRequest(t.db, {
      reference,
      expectedVersion: 2,
      physicianId: "physician-detail",
      text: "Moved to a later date.",
      attachments: [],
      serviceDate: { date: LATER_SERVICE_DATE, retrospective: false },
    });
    const { id } = (await findRequest(t.db, reference))!;
    const history = await caseHistory(t.db, id, reference);
    expect(history.entries.map((e) => e.kind)).toEqual(["decision", "reply"]);
    expect(history.entries[0]).toMatchObject({ criteria: ["Indication"] });
    expect(history.entries[1]).toMatchObject({
      detail: {
        serviceDate: { from: FUTURE_SERVICE_DATE, to: LATER_SERVICE_DATE },
        attachments: 0,
      },
    });

    // A row no step writes (the table is append-only, so the bad row is added, not edited in).
    await t.db.kysely
      .insertInto("request_events")
      .values({
        request_id: id,
        kind: "reply",
        actor_id: "physician-detail",
        at: new Date().toISOString(),
        body: "Written around the schema.",
        detail_json: JSON.stringify({ days: "three" }),
      })
      .execute();
    await expect(caseHistory(t.db, id, reference)).rejects.toThrow(
      /The detail of message \d+ cannot be read: days /,
    );
  });
});
