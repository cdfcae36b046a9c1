import type { SelectQueryBuilder } from "kysely";
import type { Database } from "@/lib/db/schema";

/** `selectFrom("decisions")` of a query, or of a subquery that may refer to the outer `requests`. */
type Decisions =
  | SelectQueryBuilder<Database, "decisions", object>
  | SelectQueryBuilder<Database, "requests" | "decisions", object>;

/**
 * Decisions narrowed to the latest denial: who denied a request and when. Its medical director may
 * not decide the appeal, and the appeal window runs from it. The caller says which request (a
 * row's id, or the outer `requests.id` in a subquery) and what to select.
 */
export function whereLatestDenial<Q extends Decisions>(decisions: Q): Q {
  // Both kinds take the same clauses; the union is only what the type checker cannot follow.
  const q = decisions as SelectQueryBuilder<Database, "decisions", object>;
  return q.where("decisions.action", "=", "deny").orderBy("decisions.id", "desc").limit(1) as Q;
}
