import { describe, expect, it } from "vitest";
import { readHookBody } from "@/lib/cds-hooks/respond";
import { FHIR_BODY, fhirRefusal } from "./fhir-response";
import { jsonRefusal, MAX_API_BODY_BYTES } from "./json-response";
import { readJson, type BodyProblem, type ReadJsonOptions } from "./read-json";

const API: ReadJsonOptions = { mediaTypes: ["application/json"], maxBytes: 1024 };

const post = (body: BodyInit | null, contentType: string | null = "application/json") =>
  new Request("http://localhost/api/evaluate", {
    method: "POST",
    body,
    headers: contentType === null ? {} : { "content-type": contentType },
    // A stream body needs it; a chunked client sends no length.
    duplex: "half",
  } as RequestInit);

/** A body that arrives in chunks with no Content-Length: the limit is counted as it comes. */
const chunked = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("readJson refuses, saying what is wrong and where", () => {
  const cases: [
    string,
    Request,
    Partial<ReadJsonOptions>,
    BodyProblem["status"],
    BodyProblem["kind"],
    RegExp,
    RegExp | undefined,
  ][] = [
    [
      "text/plain",
      post("{}", "text/plain"),
      {},
      415,
      "media-type",
      /application\/json, not text\/plain\.$/,
      undefined,
    ],
    [
      "no content type",
      post(new TextEncoder().encode("{}"), null),
      {},
      415,
      "media-type",
      /^The body must be sent as application\/json\.$/,
      undefined,
    ],
    [
      "a declared length over the limit",
      post("x".repeat(2000)),
      {},
      413,
      "too-large",
      /larger than 1024 bytes/,
      undefined,
    ],
    [
      "a chunked body over the limit",
      post(chunked(["[", "1,".repeat(600), "1]"])),
      {},
      413,
      "too-large",
      /larger than 1024 bytes/,
      undefined,
    ],
    [
      "the route's own words for too large",
      post("x".repeat(2000)),
      { tooLarge: "Send one file at a time." },
      413,
      "too-large",
      /^Send one file at a time\.$/,
      undefined,
    ],
    [
      "bytes that are not UTF-8",
      post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
      {},
      400,
      "not-utf8",
      /not valid UTF-8/,
      undefined,
    ],
    ["an empty body", post(""), {}, 400, "empty", /empty/, /^is empty$/],
    ["a body of spaces", post("  \n "), {}, 400, "empty", /empty/, /^is empty$/],
    [
      "JSON cut short",
      post('{"service": "dli",'),
      {},
      400,
      "not-json",
      /^The body is not valid JSON\.$/,
      /JSON/,
    ],
    [
      "arrays nested past the limit",
      post(deep(6)),
      { maxDepth: 5 },
      400,
      "too-deep",
      /more than 5 levels deep/,
      /more than 5 levels deep/,
    ],
    [
      "5,000 levels, at the default limit",
      post(deep(5000), "application/json"),
      { maxBytes: 20_000 },
      400,
      "too-deep",
      /more than 64 levels deep/,
      /levels deep/,
    ],
  ];
  for (const [name, request, options, status, kind, message, at] of cases)
    it(`${status} for ${name}`, async () => {
      const read = await readJson(request, { ...API, ...options });
      expect(read.ok).toBe(false);
      if (read.ok) return;
      expect(read.problem).toMatchObject({ status, kind });
      expect(read.problem.message).toMatch(message);
      if (at)
        expect(read.problem.at).toEqual({ path: "(body)", message: expect.stringMatching(at) });
      else expect(read.problem.at).toBeUndefined();
    });
});

describe("readJson takes", () => {
  it("a body at the limit, with its bytes and its media type without parameters", async () => {
    const text = JSON.stringify({ pad: "x".repeat(1024 - 10) });
    expect(text.length).toBe(1024);
    const read = await readJson(post(text, "Application/FHIR+json; charset=utf-8"), {
      ...FHIR_BODY,
      maxBytes: 1024,
    });
    expect(read).toMatchObject({ ok: true, mediaType: "application/fhir+json" });
    if (read.ok) {
      expect(read.value).toEqual({ pad: "x".repeat(1014) });
      expect(new TextDecoder().decode(read.bytes)).toBe(text);
    }
  });

  it("a chunked body under the limit", async () => {
    const read = await readJson(post(chunked(['{"a":', "[1,2", "]}"])), API);
    expect(read).toMatchObject({ ok: true, value: { a: [1, 2] } });
  });
});

describe("each dialect answers a refused body with its status", () => {
  const problems: BodyProblem[] = [
    { status: 415, kind: "media-type", message: "The body must be sent as application/json." },
    { status: 413, kind: "too-large", message: "The body is larger than 16384 bytes." },
    {
      status: 400,
      kind: "too-deep",
      message: "The JSON nests arrays and objects more than 64 levels deep.",
      at: {
        path: "(body)",
        message: "The JSON nests arrays and objects more than 64 levels deep.",
      },
    },
    {
      status: 400,
      kind: "not-json",
      message: "The body is not valid JSON.",
      at: { path: "(body)", message: "Unexpected end of JSON input" },
    },
  ];
  const fhirCode = { 415: "not-supported", 413: "too-costly", 400: "invalid" } as const;
  for (const problem of problems)
    it(`${problem.status} ${problem.kind}`, async () => {
      const api = jsonRefusal(problem);
      expect(api.status).toBe(problem.status);
      expect(await api.json()).toEqual({
        error: problem.message,
        issues: problem.at ? [problem.at] : [],
      });

      const fhir = fhirRefusal(problem);
      expect(fhir.status).toBe(problem.status);
      expect(fhir.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
      const outcome = await fhir.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue[0]).toEqual({
        severity: "error",
        code: problem.kind === "too-deep" ? "too-costly" : fhirCode[problem.status],
        diagnostics: problem.message,
      });
      // Where, when it says more than what: the parser's words, not the depth said twice.
      expect(outcome.issue.slice(1).map((i: { diagnostics: string }) => i.diagnostics)).toEqual(
        problem.kind === "not-json" ? [`(body): ${problem.at!.message}`] : [],
      );
    });

  it("the API limit is 16 KiB", () => expect(MAX_API_BODY_BYTES).toBe(16384));

  it("a CDS Hooks call that is not JSON gets the OperationOutcome CRD asks for", async () => {
    const read = await readHookBody(post("{cards"));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(400);
    const outcome = await read.response.json();
    expect(outcome.resourceType).toBe("OperationOutcome");
    expect(outcome.issue[0]).toMatchObject({
      code: "invalid",
      diagnostics: "The body is not valid JSON.",
    });
    const wrongType = await readHookBody(post("{}", "application/fhir+json"));
    expect(wrongType.ok || wrongType.response.status).toBe(415);
  });
});
