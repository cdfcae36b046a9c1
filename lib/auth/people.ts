import "server-only";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import { isRole, type Role } from "./roles";

export interface Person {
  id: string;
  name: string;
  role: Role | "unknown";
}

// better-auth's own table, in the same database; only what a page names people by.
interface UserTable {
  user: { id: string; name: string; role: string };
}

/** The name and role of each user id given; an id with no account reads as "unknown user". */
export async function peopleByIds(
  db: Db,
  ids: Iterable<string | null>,
): Promise<Map<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const people = new Map<string, Person>();
  if (wanted.length === 0) return people;
  const rows = await (db.kysely as unknown as Kysely<UserTable>)
    .selectFrom("user")
    .select(["id", "name", "role"])
    .where("id", "in", wanted)
    .execute();
  for (const row of rows)
    people.set(row.id, {
      id: row.id,
      name: row.name,
      role: isRole(row.role) ? row.role : "unknown",
    });
  for (const id of wanted)
    if (!people.has(id)) people.set(id, { id, name: "unknown user", role: "unknown" });
  return people;
}
