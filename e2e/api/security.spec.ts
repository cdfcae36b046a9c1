import { expect, test, type APIResponse } from "@playwright/test";
import { hiddenActionFields } from "../action-form";
import { ACCOUNTS } from "../accounts";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  const csp = h["content-security-policy"] ?? "";
  for (const directive of [
    "default-src 'self'",
    "'strict-dynamic'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ])
    expect(csp, what).toContain(directive);
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
  expect(csp, what).not.toContain("unsafe-inline");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"])
    expect(h["permissions-policy"], what).toContain(feature);
  // The suite runs the production build over plain http (APP_URL http:): HSTS would mean
  // nothing there, and is not sent (lib/http/security-headers.test.ts: it is over https).
  expect(h["strict-transport-security"], what).toBeUndefined();
}

const nonceOf = (response: APIResponse) =>
  /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];

test("every kind of response carries the security headers", async ({ request }) => {
  const home = await request.get("/");
  const chunk = /<script src="(\/_next\/static\/[^"]+)"/.exec(await home.text())?.[1];
  expect(chunk).toBeTruthy();
  const responses: [string, Promise<APIResponse>][] = [
    ["/", Promise.resolve(home)],
    ["/policy", request.get("/policy")],
    ["/review (redirect to sign-in)", request.get("/review", { maxRedirects: 0 })],
    ["/sign-in", request.get("/sign-in")],
    ["POST /api/evaluate", request.post("/api/evaluate", { data: {} })],
    ["GET /api/health", request.get("/api/health")],
    ["404", request.get("/no-such-page")],
    ["a script chunk", request.get(chunk!)],
  ];
  for (const [what, pending] of responses) expectSecurityHeaders(await pending, what);
});

test("every page has a fresh nonce, and every script on it carries that nonce", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/", "/policy", "/sign-in"]) {
    const response = await request.get(path);
    const nonce = nonceOf(response)!;
    nonces.add(nonce);
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(4);
});

test.describe("cross-site writes are refused with 403 before they run", () => {
  const FOREIGN: [string, Record<string, string>][] = [
    ["a foreign Origin", { Origin: "https://evil.example" }],
    ["a look-alike Origin", { Origin: "http://127.0.0.1.evil.example" }],
    ["the opaque Origin", { Origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
  ];

  for (const [what, headers] of FOREIGN)
    test(`route handlers, ${what}`, async ({ request }) => {
      for (const path of ["/api/requests", "/api/fhir/answers"]) {
        const response = await request.post(path, {
          data: {},
          headers: { ...headers, "Content-Type": "application/json" },
        });
        expect(response.status(), path).toBe(403);
        // A FHIR route says it in an OperationOutcome, the others in the API's error shape.
        const body = await response.json();
        expect(body.error ?? body.issue?.[0]?.diagnostics, path).toMatch(/refused/);
      }
    });

  // The one public, cookie-free write: any origin may evaluate answers (CORS, issue 10).
  test("POST /api/evaluate answers a foreign origin, with CORS and no credentials", async ({
    request,
  }) => {
    for (const [, headers] of FOREIGN) {
      const response = await request.post("/api/evaluate", {
        data: {},
        headers: { ...headers, "Content-Type": "application/json" },
      });
      expect(response.status()).toBe(200);
      expect(response.headers()["access-control-allow-origin"]).toBe("*");
      expect(response.headers()["access-control-allow-credentials"]).toBeUndefined();
    }
  });

  test("the app's own host and port over another scheme is another origin", async ({
    request,
    baseURL,
  }) => {
    const origin = baseURL!.replace(/^http:/, "https:");
    const response = await request.post("/api/requests", {
      data: {},
      headers: { Origin: origin, "Content-Type": "application/json" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toMatch(/another origin/);
  });

  test("a server action (sign-in with the right password) from another site", async ({
    request,
    baseURL,
  }) => {
    const fields = hiddenActionFields(await (await request.get("/sign-in")).text());
    const { email, password } = ACCOUNTS.reviewer;
    const form = { ...Object.fromEntries(fields), email, password };
    const refused = await request.post("/sign-in", {
      multipart: form,
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["set-cookie"]).toBeUndefined();

    // The same form from the app's own origin goes through to Next.js and signs in.
    const same = await request.post("/sign-in", {
      multipart: form,
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(same.status()).toBeLessThan(400);
    expect(same.headers()["set-cookie"]).toContain("session_token");
  });

  test("a post to a page without Origin (not from a browser) is refused too", async ({
    request,
  }) => {
    const fields = hiddenActionFields(await (await request.get("/sign-in")).text());
    const { email, password } = ACCOUNTS.reviewer;
    const response = await request.post("/sign-in", {
      multipart: { ...Object.fromEntries(fields), email, password },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("no Origin");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });

  test("same-origin and non-browser writes go on to the route's own checks", async ({
    request,
    baseURL,
  }) => {
    const sameOrigin = await request.post("/api/evaluate", {
      data: {},
      headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    });
    expect(sameOrigin.status()).toBe(200);
    const noOrigin = await request.post("/api/requests", { data: {} });
    expect(noOrigin.status()).toBe(401);
  });
});

test.describe("requests the framework could not decode get a 400 that says why", () => {
  test("a path whose percent-encoding is not UTF-8", async ({ request }) => {
    for (const path of ["/api/requests/%FF/fhir", "/requests/%ED%A0%80/summary.pdf"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toContain("percent-encoding that is not UTF-8");
    }
  });

  test("a server action body that is not a list of plain values", async ({ request, baseURL }) => {
    const [, bound] = hiddenActionFields(await (await request.get("/sign-in")).text()).find(
      ([name]) => name.endsWith(":0"),
    )!;
    const id = (JSON.parse(bound) as { id: string }).id;
    for (const body of ['""', "[1,", '["$K1"]', "[".repeat(40) + "]".repeat(40)]) {
      const response = await request.post("/sign-in", {
        data: body,
        headers: {
          Origin: baseURL!,
          "Next-Action": id,
          "Content-Type": "text/plain;charset=UTF-8",
        },
      });
      expect(response.status(), body).toBe(400);
      expect(await response.text(), body).toMatch(/arguments are not/);
    }
  });

  test("multipart action bodies React cannot decode get 400, and an oversized body 413", async ({
    request,
    baseURL,
  }) => {
    const fields = hiddenActionFields(await (await request.get("/sign-in")).text());
    const id = (JSON.parse(fields.find(([name]) => name.endsWith(":0"))![1]) as { id: string }).id;
    const deep = "[".repeat(5_000) + "]".repeat(5_000);
    const post = (multipart: Record<string, string>, headers: Record<string, string> = {}) =>
      request.post("/sign-in", { multipart, headers: { Origin: baseURL!, ...headers } });
    const fromScript = { "Next-Action": id };

    for (const [what, parts, headers] of [
      ["a Map reference", { "0": '["$Q1"]' }, fromScript],
      ["a Blob reference", { "0": '["$B1"]' }, fromScript],
      ["no part 0", { "1": '"x"' }, fromScript],
      ["part 0 nested 5,000 deep", { "0": deep }, fromScript],
      [
        "bound arguments that are not there",
        { ...Object.fromEntries(fields), [fields[1]![0]]: JSON.stringify({ id, bound: "$@9" }) },
        {},
      ],
      [
        "bound arguments nested 5,000 deep",
        { ...Object.fromEntries(fields), [fields[2]![0]]: deep },
        {},
      ],
    ] as [string, Record<string, string>, Record<string, string>][]) {
      const response = await post(parts, headers);
      expect(response.status(), what).toBe(400);
    }

    const big = `[${JSON.stringify("x".repeat(1_100_000))}]`;
    const oversized = await request.post("/sign-in", {
      data: big,
      headers: { Origin: baseURL!, "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(oversized.status()).toBe(413);
    expect(await oversized.text()).toMatch(/larger than/);
    const oversizedForm = await post(
      { "0": '[{},"$K1"]', _1_email: "x".repeat(1_100_000) },
      fromScript,
    );
    expect(oversizedForm.status()).toBe(413);
  });
});
