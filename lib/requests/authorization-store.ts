import "server-only";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import type { AuthorizationGrant, AuthorizationRecord } from "./authorization";
import { randomAuthorizationNumber } from "./reference";

const MAX_NUMBER_DRAWS = 20;

/** Writes an approval's authorization, with a fresh number, inside the approval's transaction. */
export async function issueAuthorization(
  trx: Kysely<Database>,
  requestId: number,
  grant: AuthorizationGrant,
  issuedBy: string,
  now: Date,
  byRule = false,
): Promise<AuthorizationRecord> {
  for (let draw = 0; draw < MAX_NUMBER_DRAWS; draw++) {
    const number = randomAuthorizationNumber(now.getUTCFullYear());
    const inserted = await trx
      .insertInto("authorizations")
      .values({
        request_id: requestId,
        number,
        service: grant.service,
        cpt: grant.cpt,
        units: grant.units,
        valid_from: grant.validFrom,
        valid_to: grant.validTo,
        issued_at: now.toISOString(),
        issued_by: issuedBy,
        by_rule: byRule ? 1 : 0,
      })
      .onConflict((oc) => oc.column("number").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { ...grant, number, issuedAt: now.toISOString(), issuedBy, byRule };
  }
  throw new Error(`No free authorization number after ${MAX_NUMBER_DRAWS} draws`);
}

/** The authorization an approved request carries, if it has one. */
export async function authorizationOf(
  db: Db,
  requestId: number,
): Promise<AuthorizationRecord | undefined> {
  const row = await db.kysely
    .selectFrom("authorizations")
    .selectAll()
    .where("request_id", "=", requestId)
    .executeTakeFirst();
  return (
    row && {
      number: row.number,
      service: row.service,
      cpt: row.cpt,
      units: Number(row.units),
      validFrom: row.valid_from,
      validTo: row.valid_to,
      issuedAt: row.issued_at,
      issuedBy: row.issued_by,
      byRule: Number(row.by_rule) === 1,
    }
  );
}
