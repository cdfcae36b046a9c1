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
};
