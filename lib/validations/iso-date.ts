import * as z from "zod/mini";

/** A calendar date as YYYY-MM-DD that exists ("2026-02-30" does not), named in every message. */
export const isoDate = (what: string) =>
  z.string({ error: `${what} is required` }).check(
    z.minLength(1, { error: `${what} is required`, abort: true }),
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what} must be a date (YYYY-MM-DD)`, abort: true }),
    z.refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
        new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      {
        error: `${what} is not a real calendar date`,
      },
    ),
  );
