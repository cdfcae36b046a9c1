"use client";

import { useActionState, useState, type ReactNode } from "react";
import { field, secondaryButton } from "@/components/ui/styles";
import type { QueueRowView } from "@/lib/server/queue-rows";
import { QueueTable } from "./queue-table";

export interface SearchState {
  query?: string;
  results?: QueueRowView[];
  error?: string;
}

/**
 * The search by reference or member ID, and the queue it searches: the results replace the
 * table (with the same columns) until the search is cleared. The page passes the server action
 * that searches (app/actions/search-requests.ts).
 */
export function SearchForm({
  search,
  children,
}: {
  search: (previous: SearchState, form: FormData) => Promise<SearchState>;
  children: ReactNode;
}) {
  const [state, action, pending] = useActionState<SearchState, FormData>(search, {});
  const [cleared, setCleared] = useState<SearchState>();
  const showing = state.results && cleared !== state ? state.results : undefined;
  return (
    <>
      <section aria-labelledby="search-heading" className="mt-4">
        <h2 id="search-heading" className="sr-only">
          Search
        </h2>
        <form action={action} className="flex flex-wrap items-end gap-2">
          <label>
            Reference or member ID
            <input
              name="q"
              autoComplete="off"
              className={`${field} block`}
              defaultValue={state.query}
            />
          </label>
          <button type="submit" disabled={pending} className={secondaryButton}>
            Search
          </button>
          {showing ? (
            <button type="button" onClick={() => setCleared(state)} className={secondaryButton}>
              Back to the queue
            </button>
          ) : null}
        </form>
        <div role="status" className="mt-2">
          {state.error ? <p className="text-red-800">{state.error}</p> : null}
          {showing ? (
            <p>
              {showing.length
                ? `${showing.length === 1 ? "1 request has" : `${showing.length} requests have`} that reference or member ID.`
                : "No request has that reference or member ID."}
            </p>
          ) : null}
        </div>
        {showing?.length ? <QueueTable rows={showing} caption="Search results" /> : null}
      </section>
      {showing ? null : children}
    </>
  );
}
