import { sql } from "kysely";
import type { Db } from "@/lib/db/database";

/** How many requests are stored, or stored for one member ID. */
export async function countRequests(db: Db, memberId?: string): Promise<number> {
  let query = db.kysely.selectFrom("requests").select(sql<number>`count(*)`.as("n"));
  if (memberId !== undefined) query = query.where("member_id", "=", memberId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
