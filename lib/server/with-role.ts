import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { getCurrentUser } from "@/lib/server/current-user";
import type { Role } from "@/lib/request-model/roles";

export type Parsed<I, E> = { ok: true; value: I } | { ok: false; error: E };

/** How a caller says no: to someone signed out, to a role that may not, to input that is wrong. */
export interface Refusals<T, E> {
  signedOut: () => T;
  wrongRole: () => T;
  invalid: (error: E) => T;
}

/**
 * The one preamble of every server action and route handler that writes or reads patient data:
 * a signed-in user with one of `roles`, then input that `parse` accepts, then `run`. Each caller
 * says how it refuses (a form state, a JSON error), so the checks are written once.
 */
export function withRole<In, I, E, T>(
  roles: readonly Role[],
  parse: (input: In) => Parsed<I, E> | Promise<Parsed<I, E>>,
  run: (user: CurrentUser, input: I) => Promise<T>,
  refuse: Refusals<T, E>,
): (input: In) => Promise<T> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return refuse.signedOut();
    if (!roles.includes(user.role)) return refuse.wrongRole();
    const parsed = await parse(input);
    if (!parsed.ok) return refuse.invalid(parsed.error);
    return run(user, parsed.value);
  };
}
