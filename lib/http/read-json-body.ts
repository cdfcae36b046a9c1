import "server-only";
import { jsonError } from "./json-response";

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult =
  { ok: true; value: unknown; mediaType: string } | { ok: false; response: Response };

const fail = (response: Response): BodyResult => ({ ok: false, response });

/**
 * Reads a JSON request body of at most MAX_BODY_BYTES without trusting Content-Length, so a
 * chunked or lying client is cut off at the limit instead of filling memory.
 */
export async function readJsonBody(
  request: Request,
  mediaTypes: readonly string[] = ["application/json"],
): Promise<BodyResult> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!mediaTypes.includes(mediaType)) {
    return fail(
      jsonError(
        415,
        `The request body must be sent as ${mediaTypes.join(" or ")}${mediaType ? `, not ${mediaType}` : ""}.`,
      ),
    );
  }
  const tooLarge = () =>
    fail(jsonError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(jsonError(400, "The request body is not valid UTF-8 text."));
  }
  if (text.trim() === "") {
    return fail(
      jsonError(400, "The request body is empty; send a JSON object.", [
        { path: "(body)", message: "is empty" },
      ]),
    );
  }
  try {
    return { ok: true, value: JSON.parse(text), mediaType };
  } catch (error) {
    return fail(
      jsonError(400, "The request body is not valid JSON.", [
        { path: "(body)", message: (error as Error).message },
      ]),
    );
  }
}
