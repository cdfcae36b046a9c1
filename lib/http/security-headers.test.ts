import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("gives every response its own unguessable nonce", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("lets scripts run only by nonce, and allows eval only in development", () => {
    expect(contentSecurityPolicy("abc")).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic';",
    );
    expect(contentSecurityPolicy("abc")).not.toMatch(/unsafe-(inline|eval)/);
    expect(contentSecurityPolicy("abc", true)).toContain("'unsafe-eval'");
  });

  it("sends HSTS in production over https only", () => {
    const production = securityHeaders("n", { production: true, development: false, https: true });
    const plainHttp = securityHeaders("n", { production: true, development: false, https: false });
    const development = securityHeaders("n", { production: false, development: true, https: true });
    expect(production["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(plainHttp["Strict-Transport-Security"]).toBeUndefined();
    expect(development["Strict-Transport-Security"]).toBeUndefined();
    expect(production["Permissions-Policy"]).toMatch(
      /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
    );
  });
});
