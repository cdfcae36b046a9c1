import { describe, expect, it } from "vitest";
import { malformedActionReason, malformedPathReason } from "./malformed-request";

const URL_ = "http://app.test/requests/new";
const action = (body: BodyInit, type: string, extra: Record<string, string> = {}) =>
  new Request(URL_, {
    method: "POST",
    body,
    headers: { "content-type": type, "next-action": "a".repeat(42), ...extra },
  });

describe("malformedPathReason", () => {
  it.each([
    ["/requests/R-2026-000001", false],
    ["/api/requests/%E2%9C%93/fhir", false],
    ["/api/requests/%FF/fhir", true],
    ["/requests/%ED%A0%80", true],
    ["/review/%", true],
  ])("%s", (path, refused) => expect(malformedPathReason(path) !== null).toBe(refused));
});

describe("malformedActionReason", () => {
  it.each([
    ["a list of plain values", '[{"patientName":"A","clinicalNotes":"$$5 co-pay"}]', false],
    ["not JSON", "[1,2", true],
    ["JSON that is not a list", '{"a":1}', true],
    ["a reference to a part that is not there", '["$K1"]', true],
    ["nesting deeper than any form", "[".repeat(40) + "]".repeat(40), true],
  ])("text/plain: %s", async (_name, body, refused) => {
    expect((await malformedActionReason(action(body, "text/plain;charset=UTF-8"))) !== null).toBe(
      refused,
    );
  });

  it("multipart: a well-formed form passes, a broken one or a broken argument part does not", async () => {
    const good = new FormData();
    good.append("0", '["$K1"]');
    good.append("_1_q", "<img src=x>");
    expect(
      await malformedActionReason(new Request(URL_, { method: "POST", body: good })),
    ).toBeNull();

    const badPart = new FormData();
    badPart.append("0", "[1,");
    expect(
      await malformedActionReason(new Request(URL_, { method: "POST", body: badPart })),
    ).toMatch(/"0"/);
    expect(
      await malformedActionReason(action("garbage", "multipart/form-data; boundary=x")),
    ).toMatch(/malformed/);
  });

  it("leaves API routes, GETs and plain page POSTs without an action to their own handlers", async () => {
    const api = new Request("http://app.test/api/evaluate", { method: "POST", body: "[1," });
    expect(await malformedActionReason(api)).toBeNull();
    expect(await malformedActionReason(new Request(URL_))).toBeNull();
    expect(await malformedActionReason(action("{}", "application/json"))).toMatch(/text\/plain/);
  });

  it("reads the body without using it up for Next.js", async () => {
    const request = action('["x"]', "text/plain");
    await malformedActionReason(request);
    expect(await request.text()).toBe('["x"]');
  });
});
