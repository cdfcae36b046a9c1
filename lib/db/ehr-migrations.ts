import type { Kysely, Migration } from "kysely";

// The EHR integration's tables (issue 14), numbered from 0020 so they never collide with the
// workspace's own migrations; database.ts applies both sets in name order. Never edit one that
// has shipped: add the next.

export const EHR_MIGRATIONS: Record<string, Migration> = {
  "0020_smart_backend_services": {
    // Systems registered by an administrator (npm run smart:client:add) with their public keys;
    // the ids of the assertions they signed, kept until the assertion expires so none is used
    // twice; and the access tokens issued to them, stored as SHA-256 so a copy of the database
    // holds no usable token.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("smart_clients")
        .addColumn("client_id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("jwks_json", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        // The iss the EHR signs its CDS Hooks JWTs with (CDS Hooks 2.0 leaves it to the agreement).
        .addColumn("cds_issuer", "text", (c) => c.unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("smart_jtis")
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("jti", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("smart_jtis_pk", ["client_id", "jti"])
        .execute();
      await db.schema
        .createIndex("smart_jtis_expiry")
        .on("smart_jtis")
        .column("expires_at")
        .execute();
      await db.schema
        .createTable("smart_access_tokens")
        .addColumn("token_sha256", "text", (c) => c.primaryKey())
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("smart_access_tokens_expiry")
        .on("smart_access_tokens")
        .column("expires_at")
        .execute();
    },
  },
  "0021_pas_submissions": {
    // A request that came over PAS $submit: which client sent it, under which Bundle and Claim
    // identifiers, and the fullUrls it used, so responses echo them (PAS 2.0.1 §Prior
    // Authorization Response) and $inquire finds it for that client only.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("pas_submissions")
        .addColumn("reference", "text", (c) => c.primaryKey().references("requests.reference"))
        .addColumn("client_id", "text", (c) => c.notNull().references("smart_clients.client_id"))
        .addColumn("bundle_identifier", "text", (c) => c.notNull())
        .addColumn("claim_identifier", "text", (c) => c.notNull())
        .addColumn("claim_full_url", "text", (c) => c.notNull())
        .addColumn("patient_full_url", "text", (c) => c.notNull())
        .addColumn("provider_full_url", "text", (c) => c.notNull())
        .addColumn("insurer_full_url", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("pas_submissions_bundle")
        .on("pas_submissions")
        .columns(["client_id", "bundle_identifier"])
        .unique()
        .execute();
      await db.schema
        .createIndex("pas_submissions_claim")
        .on("pas_submissions")
        .columns(["client_id", "claim_identifier"])
        .execute();
    },
  },
  "0022_crd_launches": {
    // A CRD card's link: the SHA-256 of a random launch id, the policy and the answers read from
    // the hook's prefetch (no patient identifier), for a few minutes and one use.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("crd_launches")
        .addColumn("launch_sha256", "text", (c) => c.primaryKey())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("policy_id", "text", (c) => c.notNull())
        .addColumn("answers_json", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("crd_launches_expiry")
        .on("crd_launches")
        .column("expires_at")
        .execute();
    },
  },
  "0023_crd_launch_prefill": {
    // rules-0261.md r3: each prefilled answer and each hint shows the code, its title and its
    // date, so a launch keeps them beside the answers (still no patient identifier).
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("crd_launches")
        .addColumn("prefill_json", "text", (c) =>
          c.notNull().defaultTo('{"evidence":{},"hints":[]}'),
        )
        .execute();
    },
  },
};
