import * as z from "zod/mini";

/**
 * A yes/no field: true or false. A form's checkbox ("true", "on", "false") is read as one by the
 * message reader (lib/http/read-message-body.ts) before this schema sees it.
 */
export const checkbox = z.boolean({ error: "must be true or false" });
