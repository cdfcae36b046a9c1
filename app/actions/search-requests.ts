"use server";

import * as z from "zod/mini";
import { getCurrentUser } from "@/lib/auth/current-user";
import { reviewQueue } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";

export interface SearchState {
  query?: string;
  results?: { reference: string; dueAt: string; status: string; determination: string }[];
  error?: string;
}

// A POST, so a member ID never lands in a URL, a history entry or an access log.
export async function searchRequestsAction(
  _previous: SearchState,
  form: FormData,
): Promise<SearchState> {
  if (!(form instanceof FormData))
    return { error: "Enter a reference (R-2026-000123) or a member ID." };
  const user = await getCurrentUser();
  if (!user || (user.role !== "reviewer" && user.role !== "admin"))
    return { error: "Only reviewers search requests." };
  const parsed = z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(60))
    .safeParse(form.get("q") ?? "");
  if (!parsed.success) return { error: "Enter a reference (R-2026-000123) or a member ID." };
  const { rows } = await reviewQueue(
    (await appContext()).db,
    { search: parsed.data },
    { limit: 20 },
  );
  return { query: parsed.data, results: rows };
}
