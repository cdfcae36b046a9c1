import { describe, expect, it } from "vitest";
import { isApiPath } from "./api-path";
import { crossSiteReason } from "./cross-site";

const APP_URL = "https://app.example.org";
const post = (pathname: string, h: Record<string, string>) =>
  crossSiteReason("POST", new Headers({ host: "app.example.org", ...h }), {
    originRequired: !isApiPath(pathname),
    appUrl: APP_URL,
  });

describe("which paths take writes from servers without Origin", () => {
  it.each([
    ["/api/requests", true],
    ["/api/auth/token", true],
    ["/api/fhir/Claim/$submit", true],
    ["/cds-services", true],
    ["/cds-services/coverage-order-sign", true],
    ["/cds-servicesX", false],
    ["/cds-services-evil", false],
    ["/requests/new", false],
    ["/review/R-2026-000001", false],
    ["/", false],
  ])("%s → %s", (pathname, api) => {
    expect(isApiPath(pathname)).toBe(api);
  });

  it("lets an EHR's server post a hook without Origin, and still refuses a foreign browser", () => {
    expect(post("/cds-services/coverage-order-sign", {})).toBeNull();
    expect(post("/cds-services/coverage-order-sign", { origin: "https://evil.example" })).toMatch(
      /another origin/,
    );
    expect(
      post("/cds-services/coverage-order-sign", { "sec-fetch-site": "cross-site" }),
    ).not.toBeNull();
    expect(post("/requests/new", {})).toMatch(/no Origin/);
  });
});
