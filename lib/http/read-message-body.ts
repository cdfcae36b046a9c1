import "server-only";
import { Busboy } from "@fastify/busboy";
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from "@/lib/request-model/attachment-check";
import type { ReceivedFile } from "@/lib/requests/read-attachments";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { jsonError, jsonRefusal, MAX_API_BODY_BYTES } from "./json-response";
import { parseJson } from "./parse-json";
import { readJson } from "./read-json";

/** Five files of 10 MB and the text around them; anything larger is refused unread. */
export const MAX_MESSAGE_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 512 * 1024;
/**
 * Parts of one multipart message: the fields of the largest step, up to 50 criteria, and more
 * files than may be sent (so the answer can say how many came).
 */
export const MAX_PARTS = 64;
/** One text part: 4,000 characters of a reply in UTF-8, or a submission's fields as JSON. */
export const MAX_FIELD_BYTES = 64 * 1024;

/** Fields a message sends as a list (the criteria of a request for information, what to send for each). */
const LISTS = new Set(["criteria", "documents"]);
/** Fields a form sends as JSON text (corrected answers, a submission's fields). */
const JSON_FIELDS = new Set(["answers", "request"]);
/** Fields a form sends as a checkbox or a yes/no choice: "true" or "on", "false". */
const YES_NO = new Set(["retrospective", "expedited", "agrees"]);
const YES_NO_VALUES: Record<string, boolean> = { true: true, on: true, false: false };

export type MessageBody =
  | { ok: true; fields: Record<string, unknown>; files: ReceivedFile[] }
  | { ok: false; response: Response };

const refuse = (status: number, error: string, issues: FieldIssue[] = []): MessageBody => ({
  ok: false,
  response: jsonError(status, error, issues),
});
const tooLarge = () =>
  refuse(
    413,
    `The message is larger than ${Math.floor(MAX_MESSAGE_BYTES / 1024 / 1024)} MB: at most ${MAX_ATTACHMENTS} files of 10 MB each.`,
  );
const shownName = (name: string) => name.slice(0, 40);

/**
 * A message of the review loop: a JSON object (no files), or multipart/form-data whose "files"
 * parts are the attachments. Multipart is parsed as it streams in, with limits on its size (the
 * declared length is checked before anything is read), its parts and each text part; a file's
 * bytes are kept only up to 10 MB (its size is still counted, for the message that refuses it).
 */
export async function readMessageBody(request: Request): Promise<MessageBody> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    const body = await readJson(request, {
      mediaTypes: ["application/json", "multipart/form-data"],
      maxBytes: MAX_API_BODY_BYTES,
    });
    if (!body.ok) return { ok: false, response: jsonRefusal(body.problem) };
    if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value))
      return refuse(400, "The request body must be a JSON object.", [
        { path: "(body)", message: "is not an object" },
      ]);
    return { ok: true, fields: body.value as Record<string, unknown>, files: [] };
  }
  if (Number(request.headers.get("content-length") ?? "0") > MAX_MESSAGE_BYTES) return tooLarge();
  return readMultipart(request, contentType);
}

function readMultipart(request: Request, contentType: string): Promise<MessageBody> {
  return new Promise<MessageBody>((resolve) => {
    let settled = false;
    const reader = request.body?.getReader();
    const finish = (result: MessageBody) => {
      if (settled) return;
      settled = true;
      // A refusal is answered at once; the reading below goes on, throwing the rest away.
      resolve(result);
    };
    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = Busboy({
        headers: { "content-type": contentType },
        limits: {
          parts: MAX_PARTS,
          fieldSize: MAX_FIELD_BYTES,
          fieldNameSize: 100,
          headerPairs: 20,
        },
      });
    } catch {
      return finish(refuse(400, "The form data is malformed: its boundary is missing."));
    }
    const fields: Record<string, unknown> = {};
    const files: ReceivedFile[] = [];
    const pending: Promise<void>[] = [];
    let fileParts = 0;

    busboy.on("partsLimit", () =>
      finish(refuse(413, `The form has more than ${MAX_PARTS} parts; no step takes so many.`)),
    );
    busboy.on("field", (name, value, nameTruncated, valueTruncated) => {
      if (settled) return;
      if (nameTruncated || valueTruncated)
        return finish(
          refuse(
            413,
            `The form part "${shownName(name)}" is longer than ${MAX_FIELD_BYTES / 1024} KiB.`,
            [{ path: shownName(name), message: "is too long" }],
          ),
        );
      if (name === "files")
        return finish(
          refuse(400, 'The "files" parts must be files.', [
            { path: "files", message: "must be files" },
          ]),
        );
      if (LISTS.has(name)) {
        fields[name] = [...((fields[name] as string[] | undefined) ?? []), value];
      } else if (JSON_FIELDS.has(name)) {
        const parsed = parseJson(value);
        if (!parsed.ok)
          return finish(
            refuse(400, `The form part "${name}" is not valid JSON.`, [
              {
                path: name,
                message: parsed.reason === "too-deep" ? parsed.message : "is not valid JSON",
              },
            ]),
          );
        fields[name] = parsed.value;
      } else if (name in fields) {
        finish(
          refuse(400, `The form part "${shownName(name)}" was sent twice.`, [
            { path: shownName(name), message: "was sent twice" },
          ]),
        );
      } else
        fields[name] =
          YES_NO.has(name) && Object.hasOwn(YES_NO_VALUES, value) ? YES_NO_VALUES[value] : value;
    });
    busboy.on("file", (name, stream, fileName) => {
      if (settled || name !== "files") {
        stream.resume();
        if (!settled)
          finish(
            refuse(400, `The form part "${shownName(name)}" must be text, not a file.`, [
              { path: shownName(name), message: "must be text" },
            ]),
          );
        return;
      }
      // A browser sends an empty file input as an empty, nameless file: not a file sent.
      const chunks: Buffer[] = [];
      let size = 0;
      const keep = ++fileParts <= MAX_ATTACHMENTS;
      pending.push(
        new Promise<void>((done) => {
          stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            // Past 10 MB the file is refused: its bytes are counted, never kept.
            if (keep && size <= MAX_ATTACHMENT_BYTES) chunks.push(chunk);
            else chunks.length = 0;
          });
          stream.on("end", () => {
            if (size > 0 || fileName !== "") {
              const data = size <= MAX_ATTACHMENT_BYTES ? Buffer.concat(chunks) : null;
              files.push({ name: fileName ?? "", size, data: keep ? data : null });
            }
            done();
          });
          stream.on("error", () => done());
        }),
      );
    });
    busboy.on("error", () => finish(refuse(400, "The form data is malformed.")));
    busboy.on("finish", () => {
      void Promise.all(pending).then(() => finish({ ok: true, fields, files }));
    });

    void (async () => {
      if (!reader) return finish(refuse(400, "The form data is malformed: there is no body."));
      let read = 0;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          read += value.byteLength;
          if (read > MAX_MESSAGE_BYTES) {
            finish(tooLarge());
            // Past the limit the upload is stopped here: the connection is cut.
            reader.cancel().catch(() => {});
            return;
          }
          // Refused already: the rest is read and thrown away (never kept), so that the client
          // gets the answer rather than a connection reset mid-upload.
          if (settled) continue;
          if (!busboy.write(value))
            await new Promise<void>((drained) => busboy.once("drain", () => drained()));
        }
        if (!settled) busboy.end();
      } catch {
        finish(refuse(400, "The form data could not be read to its end."));
      }
    })();
  });
}
