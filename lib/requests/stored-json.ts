import type * as z from "zod/mini";

// JSON text a row keeps, read back through its schema (never cast). A row that does not fit is a
// fault of the server's own data: refused with an error naming what it is and which fields do not
// fit, never their values.

export function readStoredJson<S extends z.ZodMiniType>(what: string, json: string, schema: S) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `${what} cannot be read: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  return parsed.data as z.infer<S>;
}
