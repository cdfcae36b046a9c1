import type { FieldErrors } from "@/lib/validations/field-errors";

export type Posted<T> =
  { ok: true; body: T } | { ok: false; formError: string; errors: FieldErrors };

/**
 * Sends a form to one of the API's routes (the same ones integrations use) and reads its answer:
 * the body, or the error sentence and the wrong fields by path ("files.0", "answers.service").
 */
export async function postMessage<T>(
  url: string,
  form: FormData,
  headers: HeadersInit = {},
): Promise<Posted<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: form, headers });
  } catch {
    return {
      ok: false,
      formError:
        "The server could not be reached. Nothing was sent: check the connection and try again.",
      errors: {},
    };
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: string; issues?: { path: string; message: string }[] }) | null;
  if (response.ok && body) return { ok: true, body };
  const errors: FieldErrors = {};
  for (const issue of body?.issues ?? []) errors[issue.path] ??= issue.message;
  return {
    ok: false,
    formError:
      body?.error ??
      (response.status === 401
        ? "Your session has ended. Sign in again; nothing was saved."
        : `The server refused the form (HTTP ${response.status}). Nothing was saved.`),
    errors,
  };
}
