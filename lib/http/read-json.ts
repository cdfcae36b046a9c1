// Pure: the one reader of a machine's JSON body (the JSON API, PAS, CDS Hooks, CDex,
// Subscriptions, DTR). It never throws: a body it refuses comes back as a problem saying what is
// wrong with it, which each caller answers in its own dialect (lib/http/json-response.ts,
// lib/http/fhir-response.ts, lib/cds-hooks/respond.ts).

import { MAX_JSON_DEPTH, parseJson } from "./parse-json";
import { readAtMost } from "./read-body";

export interface ReadJsonOptions {
  /** The media types taken, lower case, without parameters. */
  mediaTypes: readonly string[];
  /** Larger bodies are refused (413), declared or not, once that many bytes have come. */
  maxBytes: number;
  /** Arrays and objects nested deeper are refused (400) before JSON.parse builds anything. */
  maxDepth?: number;
  /** What a 413 says, when the route can say more than the limit (what to send instead). */
  tooLarge?: string;
}

export type BodyProblemKind =
  "media-type" | "too-large" | "unreadable" | "not-utf8" | "empty" | "too-deep" | "not-json";

export interface BodyProblem {
  status: 400 | 413 | 415;
  kind: BodyProblemKind;
  /** One sentence for whoever sent the body. */
  message: string;
  /** Where in the body, and what the parser found there, when the problem is inside it. */
  at?: { path: "(body)"; message: string };
}

export type JsonBody =
  | { ok: true; value: unknown; bytes: Uint8Array; mediaType: string }
  | { ok: false; problem: BodyProblem };

const refuse = (
  status: BodyProblem["status"],
  kind: BodyProblemKind,
  message: string,
  at?: string,
): JsonBody => ({
  ok: false,
  problem: { status, kind, message, ...(at ? { at: { path: "(body)", message: at } } : {}) },
});

/** The problem as lines of text: what is wrong, then where, when that says more. */
export const problemLines = ({ message, at }: BodyProblem): string[] =>
  at && at.message !== message ? [message, `${at.path}: ${at.message}`] : [message];

/** The media type of a request, lower case, without its parameters ("" when none is sent). */
export const mediaTypeOf = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/** Reads and parses a JSON request body, or says why it is refused: 415, 413 or 400. */
export async function readJson(request: Request, options: ReadJsonOptions): Promise<JsonBody> {
  const { mediaTypes, maxBytes, maxDepth = MAX_JSON_DEPTH } = options;
  const mediaType = mediaTypeOf(request);
  if (!mediaTypes.includes(mediaType))
    return refuse(
      415,
      "media-type",
      `The body must be sent as ${mediaTypes.join(" or ")}${mediaType ? `, not ${mediaType}` : ""}.`,
    );
  let bytes: Uint8Array | null;
  try {
    bytes = await readAtMost(request, maxBytes);
  } catch {
    return refuse(400, "unreadable", "The body could not be read to its end.");
  }
  if (!bytes)
    return refuse(
      413,
      "too-large",
      options.tooLarge ?? `The body is larger than ${maxBytes} bytes.`,
    );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse(400, "not-utf8", "The body is not valid UTF-8 text.");
  }
  if (text.trim() === "")
    return refuse(400, "empty", "The body is empty; send a JSON object.", "is empty");
  const parsed = parseJson(text, maxDepth);
  if (!parsed.ok)
    return parsed.reason === "too-deep"
      ? refuse(400, "too-deep", parsed.message, parsed.message)
      : refuse(400, "not-json", "The body is not valid JSON.", parsed.message);
  return { ok: true, value: parsed.value, bytes, mediaType };
}
