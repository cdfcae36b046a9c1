import { describe, expect, it } from "vitest";
import {
  MAX_ACTION_BODY_BYTES,
  malformedPathReason,
  serverActionRefusal,
} from "./malformed-request";

const URL_ = "http://app.test/requests/new";
const ID = "a".repeat(42);
const action = (body: BodyInit, type: string, extra: Record<string, string> = {}) =>
  new Request(URL_, {
    method: "POST",
    body,
    headers: { "content-type": type, "next-action": ID, ...extra },
  });
const form = (parts: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of parts) data.append(name, value);
  return data;
};
/** As React sends a form's action from the page's JavaScript. */
const fetchAction = (parts: [string, string][]) =>
  new Request(URL_, { method: "POST", body: form(parts), headers: { "next-action": ID } });
/** As a browser posts the same form without JavaScript. */
const plainForm = (parts: [string, string][]) =>
  new Request(URL_, { method: "POST", body: form(parts) });
const META = JSON.stringify({ id: ID, bound: "$@1" });

describe("malformedPathReason", () => {
  it.each([
    ["/requests/R-2026-000001", false],
    ["/api/requests/%E2%9C%93/fhir", false],
    ["/api/requests/%FF/fhir", true],
    ["/requests/%ED%A0%80", true],
    ["/review/%", true],
  ])("%s", (path, refused) => expect(malformedPathReason(path) !== null).toBe(refused));
});

describe("serverActionRefusal", () => {
  it.each([
    ["a list of plain values", '[{"patientName":"A","clinicalNotes":"$$5 co-pay"}]', false],
    ["not JSON", "[1,2", true],
    ["JSON that is not a list", '{"a":1}', true],
    ["a reference to a part that is not there", '["$K1"]', true],
    ["nesting deeper than any form", "[".repeat(40) + "]".repeat(40), true],
    ["nesting 5,000 deep", "[".repeat(5_000) + "]".repeat(5_000), true],
  ])("text/plain: %s", async (_name, body, refused) => {
    const refusal = await serverActionRefusal(action(body, "text/plain;charset=UTF-8"));
    expect(refusal?.status ?? null).toBe(refused ? 400 : null);
  });

  it.each([
    [
      "a form's fields, as React sends them",
      [
        ["0", '[{},"$K1"]'],
        ["_1_q", "<img src=x>"],
      ],
      false,
    ],
    [
      "the hidden fields of the form inside the FormData",
      [
        ["0", '[{},"$K1"]'],
        ["_1_$ACTION_1:0", "{not json"],
        ["_1_email", "a@b"],
      ],
      false,
    ],
    ["a previous state holding undefined", [["0", '[{"error":"$undefined"},"$K1"]']], false],
    ["no part 0", [["1", '"x"']], true],
    ["no part at all", [["a", "x"]], true],
    [
      "a part with an empty name",
      [
        ["0", "[]"],
        ["", "[]"],
      ],
      true,
    ],
    [
      "a part that is not a FormData field",
      [
        ["0", '[{},"$K1"]'],
        ["email", "x"],
      ],
      true,
    ],
    ["part 0 that is not JSON", [["0", "[1,"]], true],
    ["a Map reference", [["0", '["$Q1"]']], true],
    ["a Blob reference", [["0", '["$B1"]']], true],
    [
      "a server reference",
      [
        ["0", '["$F1"]'],
        ["1", '{"id":"x","bound":null}'],
      ],
      true,
    ],
    ["a plain part reference", [["0", '["$1"]']], true],
    ["a promise reference", [["0", '["$@1"]']], true],
    ["part 0 nested 5,000 deep", [["0", "[".repeat(5_000) + "]".repeat(5_000)]], true],
    ["an object nested 5,000 deep", [["0", '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000)]], true],
  ] as [string, [string, string][], boolean][])(
    "multipart from JavaScript: %s",
    async (_name, parts, refused) => {
      const refusal = await serverActionRefusal(fetchAction(parts));
      expect(refusal?.status ?? null).toBe(refused ? 400 : null);
    },
  );

  it.each([
    [
      "a form with its action and bound state",
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", META],
        ["$ACTION_1:1", "[{}]"],
        ["email", "x"],
      ],
      false,
    ],
    [
      "a form naming its action by id",
      [
        [`$ACTION_ID_${ID}`, ""],
        ["email", "x"],
      ],
      false,
    ],
    [
      "bound arguments that are not there",
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", JSON.stringify({ id: ID, bound: "$@9" })],
      ],
      true,
    ],
    [
      "bound arguments holding a Map reference",
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", META],
        ["$ACTION_1:1", '[{"a":"$Q5"}]'],
      ],
      true,
    ],
    [
      "bound arguments nested 5,000 deep",
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", META],
        ["$ACTION_1:1", "[".repeat(5_000) + "]".repeat(5_000)],
      ],
      true,
    ],
    [
      "an action reference without its id",
      [
        ["$ACTION_REF_1", ""],
        ["email", "x"],
      ],
      true,
    ],
    [
      "an action id that is not a string",
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{"id":1,"bound":null}'],
      ],
      true,
    ],
  ] as [string, [string, string][], boolean][])(
    "multipart without JavaScript: %s",
    async (_name, parts, refused) => {
      const refusal = await serverActionRefusal(plainForm(parts));
      expect(refusal?.status ?? null).toBe(refused ? 400 : null);
    },
  );

  it("keeps the boundary as sent: it is case-sensitive", async () => {
    const body =
      '--AbC\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{},"$K1"]\r\n--AbC--\r\n';
    expect(await serverActionRefusal(action(body, "multipart/form-data; boundary=AbC"))).toBeNull();
  });

  it("a broken multipart body", async () => {
    const refusal = await serverActionRefusal(action("garbage", "multipart/form-data; boundary=x"));
    expect(refusal).toMatchObject({ status: 400, reason: expect.stringMatching(/malformed/) });
  });

  it("a body over the limit is a 413, whether or not it declares its length", async () => {
    const big = `[${JSON.stringify("x".repeat(MAX_ACTION_BODY_BYTES))}]`;
    expect(await serverActionRefusal(action(big, "text/plain"))).toMatchObject({ status: 413 });
    const streamed = new Request(URL_, {
      method: "POST",
      body: new Blob([big]).stream(),
      headers: { "content-type": "text/plain", "next-action": ID },
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect(await serverActionRefusal(streamed)).toMatchObject({ status: 413 });
    expect(
      await serverActionRefusal(
        fetchAction([
          ["0", '[{},"$K1"]'],
          ["_1_notes", "y".repeat(MAX_ACTION_BODY_BYTES)],
        ]),
      ),
    ).toMatchObject({ status: 413 });
    // Just under: what the forms send passes.
    const fits = `[${JSON.stringify("x".repeat(MAX_ACTION_BODY_BYTES - 10))}]`;
    expect(await serverActionRefusal(action(fits, "text/plain"))).toBeNull();
  });

  it("leaves API routes, GETs and plain page POSTs without an action to their own handlers", async () => {
    const api = new Request("http://app.test/api/evaluate", { method: "POST", body: "[1," });
    expect(await serverActionRefusal(api)).toBeNull();
    expect(await serverActionRefusal(new Request(URL_))).toBeNull();
    expect(await serverActionRefusal(action("{}", "application/json"))).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/text\/plain/),
    });
  });

  it("reads the body without using it up for Next.js", async () => {
    const request = action('["x"]', "text/plain");
    await serverActionRefusal(request);
    expect(await request.text()).toBe('["x"]');
  });
});
