import { describe, expect, it } from "vitest";
import { crossSiteReason } from "./cross-site";

const HOST = "app.example.org";
const headers = (h: Record<string, string>) => new Headers({ host: HOST, ...h });

describe("crossSiteReason", () => {
  it.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }, false],
    ["HEAD cross-site", "HEAD", { "sec-fetch-site": "cross-site" }, false],
    ["POST from the app itself", "POST", { origin: `https://${HOST}` }, false],
    ["POST same-origin by fetch metadata", "POST", { "sec-fetch-site": "same-origin" }, false],
    ["POST without Origin (curl, an integration)", "POST", {}, false],
    ["POST from another site", "POST", { origin: "https://evil.example" }, true],
    ["POST from a look-alike host", "POST", { origin: `https://${HOST}.evil.example` }, true],
    ["POST from another port", "POST", { origin: `https://${HOST}:8443` }, true],
    ["POST from an opaque origin", "POST", { origin: "null" }, true],
    ["POST with a malformed Origin", "POST", { origin: "not a url" }, true],
    ["DELETE marked cross-site", "DELETE", { "sec-fetch-site": "cross-site" }, true],
    [
      "POST marked cross-site even with a matching Origin",
      "POST",
      { origin: `https://${HOST}`, "sec-fetch-site": "cross-site" },
      true,
    ],
  ])("%s", (_name, method, h, refused) => {
    expect(crossSiteReason(method, headers(h)) !== null).toBe(refused);
  });

  it("refuses a write to a page without Origin, but not one to an API route", () => {
    const pagePost = crossSiteReason("POST", headers({}), { originRequired: true });
    expect(pagePost).toMatch(/no Origin/);
    expect(crossSiteReason("POST", headers({}), { originRequired: false })).toBeNull();
    expect(crossSiteReason("GET", headers({}), { originRequired: true })).toBeNull();
  });

  it("compares with X-Forwarded-Host when a proxy in front sets it, as Next.js does", () => {
    const behindProxy = new Headers({
      host: "127.0.0.1:3000",
      "x-forwarded-host": HOST,
      origin: `https://${HOST}`,
    });
    expect(crossSiteReason("POST", behindProxy)).toBeNull();
  });
});
