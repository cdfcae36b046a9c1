import http from "node:http";
import { expect, test } from "@playwright/test";

const json = { "Content-Type": "application/json" };
const post = (
  request: import("@playwright/test").APIRequestContext,
  data: string,
  headers = json,
) => request.post("/api/evaluate", { data, headers });

test.describe("POST /api/evaluate", () => {
  test("200 with the determination, trace and citations for a complete case", async ({
    request,
  }) => {
    const res = await post(
      request,
      JSON.stringify({
        service: "hpc-boost",
        priorTransplant: "allogeneic",
        sameDonor: true,
        preparativeRegimen: false,
        boostIndication: "enhance-chimerism",
        donorChimerismPercent: 92.5,
      }),
    );
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const body = await res.json();
    expect(body.determination).toBe("medically-necessary");
    expect(body.label).toBe("Medically necessary");
    expect(body.decidedBy).toMatchObject({ field: "donorChimerismPercent", step: 8 });
    expect(body.decidedBy.cites).toContain("coverage-policy.hpc-boost");
    expect(body.policy).toEqual({
      id: "coverage-policy-0261",
      number: "0261",
      version: "2021-07-15",
      rulesRevision: 3,
    });
    expect(body.trace).toHaveLength(9);
    // rules-0261.md r3: the lines every determination is shown with, added as it is served.
    expect(body.determinationNote).toBe(
      "This is how the policy reads these answers; it is not the coverage decision.",
    );
    expect(body.reviewOverdueNotice).toMatch(/^The next review date of this policy, June 15, 2022/);
  });

  test("400 for a chimerism sent as text with a percent sign: the wire format is a number", async ({
    request,
  }) => {
    const res = await post(request, JSON.stringify({ donorChimerismPercent: "92%" }));
    expect(res.status()).toBe(400);
    expect((await res.json()).issues).toEqual([
      { path: "donorChimerismPercent", message: "must be a number from 0 to 100" },
    ]);
  });

  test("200 with the outside-policy determination for cells from another source", async ({
    request,
  }) => {
    const res = await post(
      request,
      JSON.stringify({ service: "hpc-boost", priorTransplant: "autologous", sameDonor: false }),
    );
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      determination: "outside-policy",
      label: "Outside this policy — refer to a medical director",
      decidedBy: { field: "sameDonor", step: 5, title: "Same cell source as the HSCT" },
    });
  });

  test("200 with the next question for partial answers", async ({ request }) => {
    const res = await post(request, JSON.stringify({ service: "dli" }));
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.determination).toBe("incomplete");
    expect(body.nextQuestion).toBe("diagnosis");
  });

  test("accepts a charset parameter on the content type", async ({ request }) => {
    const res = await post(request, "{}", { "Content-Type": "application/json; charset=utf-8" });
    expect(res.status()).toBe(200);
  });

  const bad: [string, string, string[]][] = [
    ["malformed JSON", '{"service": "dli",', ["(body)"]],
    ["an empty body", "", ["(body)"]],
    ["an array", "[]", ["(body)"]],
    ["a string", '"dli"', ["(body)"]],
    ["null", "null", ["(body)"]],
    ["a wrong type", '{"sameDonor": "yes"}', ["sameDonor"]],
    ["an unknown key", '{"service": "dli", "patientName": "x"}', ["patientName"]],
    ["an unknown value", '{"diagnosis": "flu"}', ["diagnosis"]],
    ["chimerism over 100", '{"donorChimerismPercent": 100.01}', ["donorChimerismPercent"]],
    ["chimerism below 0", '{"donorChimerismPercent": -1}', ["donorChimerismPercent"]],
    ["chimerism as text", '{"donorChimerismPercent": "50"}', ["donorChimerismPercent"]],
    [
      "chimerism overflowing to infinity",
      '{"donorChimerismPercent": 1e999}',
      ["donorChimerismPercent"],
    ],
    [
      "several wrong fields",
      '{"service": 1, "priorTransplant": "other", "x": true}',
      ["service", "priorTransplant", "x"],
    ],
  ];
  for (const [name, data, paths] of bad) {
    test(`400 naming every wrong field for ${name}`, async ({ request }) => {
      const res = await post(request, data);
      expect(res.status()).toBe(400);
      const body = await res.json();
      expect(typeof body.error).toBe("string");
      expect(body.error).toMatch(/\.$/);
      expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual([...paths].sort());
      for (const issue of body.issues) expect(issue.message).toBeTruthy();
    });
  }

  test("413 for a body over 16 KiB, declared or not", async ({ request }) => {
    const big = JSON.stringify({ service: "dli", pad: "x".repeat(17_000) });
    const res = await post(request, big);
    expect(res.status()).toBe(413);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining("16384"), issues: [] });
  });

  test("413 for a chunked body over 16 KiB that declares no length", async ({ baseURL }) => {
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = http.request(
          `${baseURL}/api/evaluate`,
          { method: "POST", headers: { ...json, "Transfer-Encoding": "chunked" } },
          (res) => {
            let text = "";
            res.on("data", (chunk) => (text += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on("error", reject);
        req.write('{"pad": "');
        for (let i = 0; i < 20; i++) req.write("x".repeat(1024));
        req.end('"}');
      },
    );
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toContain("larger than 16384 bytes");
  });

  test("400, not 413, for a body just under the limit", async ({ request }) => {
    const data = JSON.stringify({ service: "dli", pad: "x".repeat(16_000) });
    const res = await post(request, data);
    expect(res.status()).toBe(400);
  });

  for (const contentType of ["text/plain", "application/x-www-form-urlencoded", ""]) {
    test(`415 for content type "${contentType}"`, async ({ request }) => {
      const res = await request.post("/api/evaluate", {
        data: Buffer.from("{}"),
        headers: contentType ? { "Content-Type": contentType } : {},
      });
      expect(res.status()).toBe(415);
      const body = await res.json();
      expect(body.error).toContain("application/json");
      expect(body.issues).toEqual([]);
    });
  }

  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    test(`405 for ${method}`, async ({ request }) => {
      const res = await request.fetch("/api/evaluate", { method, data: "{}", headers: json });
      expect(res.status()).toBe(405);
      expect(res.headers()["allow"]).toBe("POST");
      expect(await res.json()).toMatchObject({
        error: expect.stringContaining(method),
        issues: [],
      });
    });
  }

  test("400 for a body that is not UTF-8", async ({ request }) => {
    const res = await request.post("/api/evaluate", {
      data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      headers: json,
    });
    expect(res.status()).toBe(400);
  });
});

test.describe("GET /api/policy", () => {
  test("returns the questions, options, gates and passages", async ({ request }) => {
    const res = await request.get("/api/policy");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.policy).toMatchObject({ number: "0261", effectiveDate: "2021-07-15" });
    expect(body.questions.map((q: { field: string }) => q.field)).toEqual([
      "service",
      "diagnosis",
      "dliIndication",
      "priorTransplant",
      "sameDonor",
      "preparativeRegimen",
      "boostIndication",
      "donorChimerismPercent",
    ]);
    expect(body.rulesRevision).toBe(3);
    // r3: the cell-source question is worded per service, with one wording for no case.
    const source = body.questions.find((q: { field: string }) => q.field === "sameDonor");
    expect(source.textFor.map((v: { text: string }) => v.text)).toEqual([
      "Are the lymphocytes collected from the donor of the patient's most recent allogeneic HSCT?",
      "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?",
    ]);
    expect(body.determinations.map((d: { value: string }) => d.value)).toContain("outside-policy");
    expect(body.questions[0].text).toBe("Which service is requested?");
    expect(body.questions[0].options[0]).toMatchObject({
      value: "dli",
      label: "Donor lymphocyte infusion (DLI)",
      cpt: "38242",
    });
    expect(body.gates).toHaveLength(9);
    const dli = body.passages.find((p: { id: string }) => p.id === "coverage-policy.dli");
    expect(dli.text).toMatch(
      /^Donor lymphocyte infusion \(DLI\) is considered medically necessary/,
    );
    expect(dli.section).toEqual(["Coverage Policy"]);
  });

  test("405 for POST", async ({ request }) => {
    const res = await request.post("/api/policy", { data: "{}", headers: json });
    expect(res.status()).toBe(405);
    expect(res.headers()["allow"]).toBe("GET");
  });
});
