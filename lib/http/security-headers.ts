// Pure: used by proxy.ts for every response, and by the tests.

/** A fresh, unguessable nonce for one response: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only by this response's nonce ('strict-dynamic' lets Next's own loader add its
 * chunks); nothing may frame the app, plugins are off, and <base> cannot redirect relative URLs.
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    // Next's dev server evaluates modules with eval(); the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers of every response. HSTS only in production on an https origin (APP_URL): over
 * plain http it means nothing to a browser and tells a reader the wrong thing.
 */
export function securityHeaders(
  nonce: string,
  env: { production: boolean; development: boolean; https?: boolean },
): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, env.development),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ...(env.production && env.https
      ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }
      : {}),
  };
}

/** Where the server runs: production or not, and whether its public origin (APP_URL) is https. */
export const serverEnv = () => ({
  production: process.env.NODE_ENV === "production",
  development: process.env.NODE_ENV === "development",
  https: (process.env.APP_URL ?? "").startsWith("https:"),
});
