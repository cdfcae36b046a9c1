"use server";

import * as z from "zod/mini";
import type { SearchState } from "@/components/requests/search-form";
import { STAFF_ROLES } from "@/lib/request-model/roles";
import { reviewQueue } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { queueRowViews } from "@/lib/server/queue-rows";
import { policyOfRequest } from "@/lib/server/policies";
import { withRole } from "@/lib/server/with-role";

const HOW = "Enter a reference (R-2026-000123) or a member ID.";
const query = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));

const search = withRole(
  STAFF_ROLES,
  (form: FormData) => {
    const parsed = query.safeParse(form.get("q") ?? "");
    return parsed.success
      ? { ok: true as const, value: parsed.data }
      : { ok: false as const, error: HOW };
  },
  async (user, q): Promise<SearchState> => {
    const { db } = await appContext();
    const { rows } = await reviewQueue(db, { search: q }, { limit: 20, policyOf: policyOfRequest });
    return { query: q, results: await queueRowViews(db, rows, user) };
  },
  {
    signedOut: (): SearchState => ({ error: "Only reviewers search requests." }),
    wrongRole: (): SearchState => ({ error: "Only reviewers search requests." }),
    invalid: (error) => ({ error }),
  },
);

// A POST, so a member ID never lands in a URL, a history entry or an access log.
export async function searchRequestsAction(
  _previous: SearchState,
  form: FormData,
): Promise<SearchState> {
  if (!(form instanceof FormData)) return { error: HOW };
  return search(form);
}
