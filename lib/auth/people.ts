import "server-only";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import { CLIENT_ACTOR_PREFIX, RULE_ACTOR_ID, clientActorId } from "@/lib/audit/actors";
import { REVIEW_ROLES, isRole, type Role } from "@/lib/request-model/roles";

export interface Person {
  id: string;
  name: string;
  /**
   * A user's role; "EHR client via PAS" for a system that acted with SMART Backend Services,
   * "rule" for an approval no person made.
   */
  role: Role | "EHR client via PAS" | "rule" | "unknown";
}

// better-auth's own table, in the same database; only what a page names people by.
interface UserTable {
  user: { id: string; name: string; role: string };
}

/** The name and role of each actor id given; an id with no account reads as "unknown user". */
export async function peopleByIds(
  db: Db,
  ids: Iterable<string | null>,
): Promise<Map<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const people = new Map<string, Person>();
  if (wanted.includes(RULE_ACTOR_ID))
    people.set(RULE_ACTOR_ID, { id: RULE_ACTOR_ID, name: "Rule-based approval", role: "rule" });
  const users = wanted.filter((id) => !id.startsWith(CLIENT_ACTOR_PREFIX) && id !== RULE_ACTOR_ID);
  const clients = wanted.filter((id) => id.startsWith(CLIENT_ACTOR_PREFIX));
  const [userRows, clientRows] = await Promise.all([
    users.length
      ? (db.kysely as unknown as Kysely<UserTable>)
          .selectFrom("user")
          .select(["id", "name", "role"])
          .where("id", "in", users)
          .execute()
      : [],
    clients.length
      ? db.kysely
          .selectFrom("smart_clients")
          .select(["client_id", "name"])
          .where(
            "client_id",
            "in",
            clients.map((id) => id.slice(CLIENT_ACTOR_PREFIX.length)),
          )
          .execute()
      : [],
  ]);
  for (const row of userRows)
    people.set(row.id, {
      id: row.id,
      name: row.name,
      role: isRole(row.role) ? row.role : "unknown",
    });
  for (const row of clientRows) {
    const id = clientActorId(row.client_id);
    people.set(id, { id, name: row.name, role: "EHR client via PAS" });
  }
  for (const id of wanted)
    if (!people.has(id)) people.set(id, { id, name: "unknown user", role: "unknown" });
  return people;
}

/** Everyone who takes review steps (reviewers and medical directors), by name: whom a case may be assigned to. */
export async function reviewStaff(db: Db): Promise<Person[]> {
  const rows = await (db.kysely as unknown as Kysely<UserTable>)
    .selectFrom("user")
    .select(["id", "name", "role"])
    .where("role", "in", [...REVIEW_ROLES])
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: isRole(r.role) ? r.role : "unknown" }));
}
