import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import { unproxied } from "./unproxied";

// Next.js matches a proxy's matcher against the whole path.
const runsProxy = (path: string) => new RegExp(`^${config.matcher[0]}$`).test(path);

describe("the routes proxy.ts leaves to themselves", () => {
  it("are the three that take uploads, and only they", () => {
    for (const path of [
      "/api/fhir/$submit-attachment",
      "/api/requests",
      "/api/requests/R-2026-000001/reply",
      "/api/requests/R-2026-000001/decision",
      "/api/requests/R-2026-000001/appeal-decision",
    ])
      expect(runsProxy(path), path).toBe(false);
    for (const path of [
      "/",
      "/review/R-2026-000001",
      "/requests/R-2026-000001/summary.pdf",
      "/api/requests/R-2026-000001",
      "/api/requests/R-2026-000001/fhir",
      "/api/requests/R-2026-000001/attachments/4",
      "/api/requestsx",
      "/api/fhir/Claim/$submit",
      "/api/fhir/$submit-attachmentx",
      "/api/fhir/x/$submit-attachment",
      "/api/evaluate",
      "/sign-in",
    ])
      expect(runsProxy(path), path).toBe(true);
  });

  it("make the proxy's checks themselves: a cross-site write is refused before the handler runs, and every answer has the headers", async () => {
    let ran = 0;
    const handler = unproxied(async () => {
      ran++;
      return Response.json({ ok: true });
    });
    const refused = await handler(
      new Request("http://app.example/api/requests", {
        method: "POST",
        headers: { "sec-fetch-site": "cross-site" },
      }),
      {},
    );
    expect(refused.status).toBe(403);
    expect(ran).toBe(0);
    const foreign = await handler(
      new Request("http://app.example/api/requests", {
        method: "POST",
        headers: { origin: "https://evil.example", host: "app.example" },
      }),
      {},
    );
    expect(foreign.status).toBe(403);
    const served = await handler(
      new Request("http://app.example/api/requests", { method: "POST" }),
      {},
    );
    expect(served.status).toBe(200);
    expect(ran).toBe(1);
    for (const response of [refused, served]) {
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
