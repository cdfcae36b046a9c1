import "server-only";
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from "@/lib/requests/attachment-check";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { jsonError } from "./json-response";
import { readAtMost } from "./read-body";
import { readJsonBody } from "./read-json-body";

/** Five files of 10 MB and the text around them; anything larger is refused unread. */
export const MAX_MESSAGE_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 512 * 1024;

/** Fields a message sends as a list (the criteria of a request for information). */
const LISTS = new Set(["criteria"]);
/** Fields a form sends as JSON text (corrected answers, a submission's fields). */
const JSON_FIELDS = new Set(["answers", "request"]);
/** Fields a form sends as a checkbox or a yes/no choice: "true" or "on", "false". */
const YES_NO = new Set(["retrospective", "expedited", "agrees"]);
const YES_NO_VALUES: Record<string, boolean> = { true: true, on: true, false: false };

export type MessageBody =
  { ok: true; fields: Record<string, unknown>; files: File[] } | { ok: false; response: Response };

const refuse = (status: number, error: string, issues: FieldIssue[] = []): MessageBody => ({
  ok: false,
  response: jsonError(status, error, issues),
});

/**
 * A message of the review loop: a JSON object (no files), or multipart/form-data whose "files"
 * parts are the attachments. Read to at most MAX_MESSAGE_BYTES, whatever Content-Length says.
 */
export async function readMessageBody(request: Request): Promise<MessageBody> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    const body = await readJsonBody(request, ["application/json", "multipart/form-data"]);
    if (!body.ok) return body;
    if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value))
      return refuse(400, "The request body must be a JSON object.", [
        { path: "(body)", message: "is not an object" },
      ]);
    return { ok: true, fields: body.value as Record<string, unknown>, files: [] };
  }
  const bytes = await readAtMost(request, MAX_MESSAGE_BYTES);
  if (!bytes)
    return refuse(
      413,
      `The message is larger than ${Math.floor(MAX_MESSAGE_BYTES / 1024 / 1024)} MB: at most ${MAX_ATTACHMENTS} files of 10 MB each.`,
    );
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    return refuse(400, "The form data is malformed.");
  }
  const fields: Record<string, unknown> = {};
  const files: File[] = [];
  for (const [name, value] of form.entries()) {
    if (name === "files") {
      if (typeof value === "string") {
        // A browser sends an empty file input as an empty, nameless file, never as text.
        return refuse(400, 'The "files" parts must be files.', [
          { path: "files", message: "must be files" },
        ]);
      }
      if (value.size > 0 || value.name !== "") files.push(value);
      continue;
    }
    if (typeof value !== "string")
      return refuse(400, `The form part "${name.slice(0, 40)}" must be text, not a file.`, [
        { path: name.slice(0, 40), message: "must be text" },
      ]);
    if (LISTS.has(name)) {
      fields[name] = [...((fields[name] as string[] | undefined) ?? []), value];
    } else if (JSON_FIELDS.has(name)) {
      try {
        fields[name] = JSON.parse(value) as unknown;
      } catch {
        return refuse(400, `The form part "${name}" is not valid JSON.`, [
          { path: name, message: "is not valid JSON" },
        ]);
      }
    } else if (name in fields) {
      return refuse(400, `The form part "${name.slice(0, 40)}" was sent twice.`, [
        { path: name.slice(0, 40), message: "was sent twice" },
      ]);
    } else
      fields[name] =
        YES_NO.has(name) && Object.hasOwn(YES_NO_VALUES, value) ? YES_NO_VALUES[value] : value;
  }
  return { ok: true, fields, files };
}
