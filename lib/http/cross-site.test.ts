import { describe, expect, it } from "vitest";
import { appOrigin, crossSiteExportReason, crossSiteReason } from "./cross-site";

const HOST = "app.example.org";
const APP_URL = `https://${HOST}`;
const headers = (h: Record<string, string>) => new Headers({ host: HOST, ...h });

describe("crossSiteReason", () => {
  it.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }, false],
    ["HEAD cross-site", "HEAD", { "sec-fetch-site": "cross-site" }, false],
    ["POST from the app itself", "POST", { origin: APP_URL }, false],
    ["POST from the app, default port written out", "POST", { origin: `${APP_URL}:443` }, false],
    ["POST same-origin by fetch metadata", "POST", { "sec-fetch-site": "same-origin" }, false],
    ["POST without Origin (curl, an integration)", "POST", {}, false],
    ["POST from another site", "POST", { origin: "https://evil.example" }, true],
    ["POST from a look-alike host", "POST", { origin: `https://${HOST}.evil.example` }, true],
    ["POST from another port", "POST", { origin: `https://${HOST}:8443` }, true],
    ["POST from the same host over plain http", "POST", { origin: `http://${HOST}` }, true],
    ["POST from the opaque origin", "POST", { origin: "null" }, true],
    ["POST with a malformed Origin", "POST", { origin: "not a url" }, true],
    ["DELETE marked cross-site", "DELETE", { "sec-fetch-site": "cross-site" }, true],
    [
      "POST marked cross-site even with a matching Origin",
      "POST",
      { origin: APP_URL, "sec-fetch-site": "cross-site" },
      true,
    ],
  ])("%s", (_name, method, h, refused) => {
    expect(crossSiteReason(method, headers(h), { appUrl: APP_URL }) !== null).toBe(refused);
  });

  it("refuses a write to a page without Origin, but not one to an API route", () => {
    const pagePost = crossSiteReason("POST", headers({}), {
      originRequired: true,
      appUrl: APP_URL,
    });
    expect(pagePost).toMatch(/no Origin/);
    expect(crossSiteReason("POST", headers({}), { appUrl: APP_URL })).toBeNull();
    expect(crossSiteReason("GET", headers({}), { originRequired: true })).toBeNull();
  });

  it("without APP_URL, compares scheme, host and port with what the request was sent to", () => {
    const local = (origin: string, extra: Record<string, string> = {}) =>
      crossSiteReason("POST", new Headers({ host: "127.0.0.1:3000", origin, ...extra }));
    expect(local("http://127.0.0.1:3000")).toBeNull();
    expect(local("https://127.0.0.1:3000")).not.toBeNull();
    expect(local("http://127.0.0.1:3001")).not.toBeNull();
    // Behind a proxy that says so, as Next.js reads it for server actions.
    expect(local(APP_URL, { "x-forwarded-host": HOST, "x-forwarded-proto": "https" })).toBeNull();
    expect(
      local(`http://${HOST}`, { "x-forwarded-host": HOST, "x-forwarded-proto": "https" }),
    ).not.toBeNull();
  });

  it("takes APP_URL, when set, as the one origin of the app", () => {
    expect(appOrigin(headers({}), "https://app.example.org:443/some/path")).toBe(APP_URL);
    expect(appOrigin(new Headers({ host: "10.0.0.5:3000" }), undefined)).toBe(
      "http://10.0.0.5:3000",
    );
    expect(appOrigin(new Headers(), undefined)).toBeNull();
  });
});

describe("crossSiteExportReason", () => {
  it.each([
    ["/requests/R-2026-000001/summary.pdf", "cross-site", true],
    ["/api/requests/R-2026-000001/fhir", "cross-site", true],
    ["/requests/R-2026-000001/summary.pdf", "same-origin", false],
    // A sibling subdomain is another site too: its links must not export in the user's name.
    ["/requests/R-2026-000001/summary.pdf", "same-site", true],
    ["/api/requests/R-2026-000001/attachments/3", "same-site", true],
    ["/api/requests/R-2026-000001", "cross-site", true],
    ["/api/requests/R-2026-000001", "same-site", true],
    ["/api/requests/R-2026-000001", "same-origin", false],
    // Typed into the address bar or opened from a bookmark.
    ["/api/requests/R-2026-000001/fhir", "none", false],
    ["/requests/R-2026-000001", "cross-site", false],
    ["/review", "cross-site", false],
  ])("%s with Sec-Fetch-Site: %s", (path, site, refused) => {
    expect(crossSiteExportReason(path, new Headers({ "sec-fetch-site": site })) !== null).toBe(
      refused,
    );
  });

  it("lets a request without fetch metadata (curl, an integration) go on to its own checks", () => {
    expect(crossSiteExportReason("/api/requests/R-2026-000001/fhir", new Headers())).toBeNull();
  });
});
