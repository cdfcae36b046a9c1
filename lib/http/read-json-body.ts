import "server-only";
import { jsonError } from "./json-response";
import { parseJson } from "./parse-json";
import { readAtMost } from "./read-body";

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult =
  { ok: true; value: unknown; mediaType: string } | { ok: false; response: Response };

const fail = (response: Response): BodyResult => ({ ok: false, response });

/** Reads a JSON request body of at most MAX_BODY_BYTES. */
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
  const bytes = await readAtMost(request, MAX_BODY_BYTES);
  if (!bytes)
    return fail(jsonError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));

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
  const parsed = parseJson(text);
  if (!parsed.ok)
    return fail(
      jsonError(
        400,
        parsed.reason === "too-deep" ? parsed.message : "The request body is not valid JSON.",
        [{ path: "(body)", message: parsed.message }],
      ),
    );
  return { ok: true, value: parsed.value, mediaType };
}
