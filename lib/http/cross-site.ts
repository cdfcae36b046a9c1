// Pure: used by proxy.ts before any route handler or server action runs, and by the tests.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a state-changing request must be refused as cross-site, or null when it may proceed.
 * A browser sends Origin with every POST and Sec-Fetch-Site with every request. A request with
 * neither is not a browser being tricked: an API route lets it go on to its own checks (curl, an
 * integration), but a page takes writes only as server actions from its own forms, so there
 * `originRequired` refuses it. The host is compared as Next.js compares it for server actions:
 * X-Forwarded-Host, else Host.
 */
export function crossSiteReason(
  method: string,
  headers: Headers,
  { originRequired = false } = {},
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (headers.get("sec-fetch-site") === "cross-site")
    return "Cross-site requests are refused (Sec-Fetch-Site: cross-site).";
  const origin = headers.get("origin");
  if (origin === null)
    return originRequired
      ? "Posts to a page must come from the app's own pages (no Origin header was sent)."
      : null;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {}
  // "null" is the opaque origin of sandboxed frames, data: URLs and file: pages.
  if (!originHost || originHost !== host)
    return `Requests from another origin are refused (Origin: ${origin === "null" ? "null" : "foreign"}).`;
  return null;
}
