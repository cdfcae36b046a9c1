import http from "node:http";
import type { AddressInfo } from "node:net";
import { SEEDED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import { signIn } from "./workspace-helpers";

// A browser-based form filler served from another origin (another local port): it may read the
// public FHIR resources and evaluate answers (CORS), and may not submit a request, even in a
// browser where a physician is signed in (same site, so the session cookie would go along).
test("a page on another origin reads the Questionnaire and evaluates, and cannot submit a request", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!doctype html><html lang=en><title>Another form filler</title><p>Elsewhere</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const elsewhere = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const page = await browser.newPage();
    await signIn(page, "physician");
    await page.goto(elsewhere);
    const memberId = "CORS-0001";
    const seen = await page.evaluate(
      async ({ base, submission }) => {
        const attempt = async (init: RequestInit) => {
          try {
            const res = await fetch(`${base}/api/requests`, init);
            return res.type === "opaque" ? "opaque" : `status ${res.status}`;
          } catch (error) {
            return `refused (${(error as Error).name})`;
          }
        };
        const questionnaire = await (
          await fetch(`${base}/api/fhir/Questionnaire/coverage-policy-0261`)
        ).json();
        const evaluated = await (
          await fetch(`${base}/api/evaluate`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ service: "hpc-boost", priorTransplant: "none" }),
          })
        ).json();
        return {
          questionnaire: questionnaire.resourceType,
          determination: evaluated.determination,
          // Needs a preflight, which /api/requests does not grant.
          json: await attempt({
            method: "POST",
            credentials: "include",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(submission),
          }),
          // A "simple" request goes without a preflight; the server refuses its Origin.
          simple: await attempt({
            method: "POST",
            credentials: "include",
            mode: "no-cors",
            headers: { "Content-Type": "text/plain" },
            body: JSON.stringify(submission),
          }),
        };
      },
      { base: baseURL!, submission: { ...SEEDED_REQUESTS[0], memberId } },
    );
    expect(seen).toEqual({
      questionnaire: "Questionnaire",
      determination: "outside-policy",
      json: "refused (TypeError)",
      simple: "opaque",
    });

    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer", "/review");
    await reviewer.getByLabel("Reference or member ID").fill(memberId);
    await reviewer.getByRole("button", { name: "Search" }).click();
    await expect(reviewer.getByText("No request has that reference or member ID.")).toBeVisible();
  } finally {
    server.close();
  }
});

test("preflights: granted to the public endpoints only", async ({ request }) => {
  const preflight = (path: string, method: string) =>
    request.fetch(path, {
      method: "OPTIONS",
      headers: {
        Origin: "https://form-filler.example",
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type",
      },
    });
  for (const [path, method] of [
    ["/api/evaluate", "POST"],
    ["/api/policy", "GET"],
    ["/api/fhir/metadata", "GET"],
    ["/api/fhir/Questionnaire/coverage-policy-0261", "GET"],
    ["/api/fhir/CodeSystem/coverage-policy-0261-service", "GET"],
  ] as const) {
    const res = await preflight(path, method);
    expect(res.status(), path).toBe(204);
    expect(res.headers()["access-control-allow-origin"], path).toBe("*");
    expect(res.headers()["access-control-allow-methods"], path).toContain(method);
    expect(res.headers()["access-control-allow-credentials"], path).toBeUndefined();
  }
  for (const path of ["/api/requests", "/api/fhir/answers"]) {
    const res = await preflight(path, "POST");
    expect(res.status(), path).toBe(405);
    expect(res.headers()["access-control-allow-origin"], path).toBeUndefined();
  }
  const refused = await request.post("/api/requests", {
    data: "{}",
    headers: { "Content-Type": "application/json", Origin: "https://form-filler.example" },
  });
  expect(refused.status()).toBe(403);
});
