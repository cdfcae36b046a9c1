import * as z from "zod/mini";

/** A yes/no field: true or false in JSON; "true", "on" or "false" from a form's checkbox. */
export const checkbox = z.pipe(
  z.union([z.boolean(), z.enum(["true", "on", "false"])], {
    error: "must be true or false",
  }),
  z.transform((v) => v === true || v === "true" || v === "on"),
);
