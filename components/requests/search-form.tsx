"use client";

import Link from "next/link";
import { useActionState } from "react";
import { searchRequestsAction, type SearchState } from "@/app/actions/search-requests";
import { field, secondaryButton } from "@/components/ui/styles";

export function SearchForm() {
  const [state, action, pending] = useActionState<SearchState, FormData>(searchRequestsAction, {});
  return (
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
      </form>
      <div role="status" className="mt-2">
        {state.error ? <p className="text-red-800">{state.error}</p> : null}
        {state.results ? (
          state.results.length ? (
            <ul className="list-disc pl-6">
              {state.results.map((r) => (
                <li key={r.reference}>
                  <Link
                    href={`/review/${r.reference}`}
                    prefetch={false}
                    className="text-blue-800 underline"
                  >
                    {r.reference}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>No request has that reference or member ID.</p>
          )
        ) : null}
      </div>
    </section>
  );
}
