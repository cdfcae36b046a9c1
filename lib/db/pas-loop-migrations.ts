import type { Kysely, Migration } from "kysely";

// The EHR's half of the PAS loop (issue 20), numbered from 0050 so they never collide with the
// workspace's (0001–0019, 0030–0039), the EHR integration's (0020–0029) or the hardening's
// (0040–0049); database.ts applies every set in name order. Never edit one that has shipped: add
// the next.

export const PAS_LOOP_MIGRATIONS: Record<string, Migration> = {
  "0050_smart_client_npis": {
    // The NPIs an administrator registered to a client (npm run smart:client:add -- --npi …): the
    // client may $inquire for requests of those providers that another system of theirs sent,
    // matching member ID and NPI together.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("smart_client_npis")
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("npi", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("smart_client_npis_pk", ["client_id", "npi"])
        .execute();
    },
  },
  "0051_pas_diagnosis_flags": {
    // Where a PAS Claim's diagnosis codes point to other answers than the QuestionnaireResponse
    // gave: flags for the reviewer (codes propose, they do not decide), as JSON.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("pas_submissions")
        .addColumn("diagnosis_flags_json", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
    },
  },
  "0052_pend_items": {
    // The items of a request for more information about a PAS request: each one criterion, the
    // LOINC code of what the EHR is to send, and the attachment control number (the CDex
    // TrackingId) the ClaimResponse's CommunicationRequest carries; a 102089-0 item's DTR context
    // id. Only the client that sent the request may answer or fetch them.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("pend_items")
        .addColumn("tracking_id", "text", (c) => c.primaryKey())
        .addColumn("request_id", "integer", (c) => c.notNull().references("requests.id"))
        .addColumn("decision_id", "integer", (c) => c.notNull().references("decisions.id"))
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("criterion", "text", (c) => c.notNull())
        .addColumn("document", "text", (c) => c.notNull())
        .addColumn("question", "text", (c) => c.notNull())
        .addColumn("context_id", "text", (c) => c.unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("answered_at", "text")
        .execute();
      await db.schema
        .createIndex("pend_items_request")
        .on("pend_items")
        .column("request_id")
        .execute();
    },
  },
  "0053_attachment_submissions": {
    // Each $submit-attachment stored, by its TrackingId and the SHA-256 of its body: a
    // byte-identical retry gets the first answer again and stores nothing new.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("attachment_submissions")
        .addColumn("tracking_id", "text", (c) => c.notNull().references("pend_items.tracking_id"))
        .addColumn("body_sha256", "text", (c) => c.notNull())
        .addColumn("status", "integer", (c) => c.notNull())
        .addColumn("response_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("attachment_submissions_pk", ["tracking_id", "body_sha256"])
        .execute();
    },
  },
};
