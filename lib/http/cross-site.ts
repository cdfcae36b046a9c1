// Pure: used by proxy.ts before any route handler or server action runs, and by the tests.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Routes whose GET sends patient data out of the product or writes an audit row in the reader's
// name: the exports, a request's files, and a request's JSON (a reviewer's read is audited).
const PHI_EXPORTS = [
  /^\/requests\/[^/]+\/summary\.pdf$/,
  /^\/api\/requests\/[^/]+\/fhir$/,
  /^\/api\/requests\/[^/]+\/attachments\/[^/]+$/,
  /^\/api\/requests\/[^/]+$/,
];

/**
 * Whether a browser was sent here by another site, a sibling subdomain included (Sec-Fetch-Site
 * cross-site or same-site): a link or a form there carries the user's SameSite=Lax cookie, but it
 * is not the user asking. same-origin, none (typed, a bookmark) and no header at all (curl, an
 * integration) are the user or a client of their own.
 */
export function sentByAnotherSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/**
 * The app's own origin (scheme, host and port): APP_URL when it is set, as it must be behind a
 * proxy that terminates TLS; otherwise what the request says it was sent to, as Next.js reads it
 * for server actions (X-Forwarded-Host, else Host; X-Forwarded-Proto, else http).
 */
export function appOrigin(headers: Headers, appUrl: string | undefined): string | null {
  try {
    if (appUrl) return new URL(appUrl).origin;
    const host = headers.get("x-forwarded-host") ?? headers.get("host");
    const scheme = (headers.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
    return host ? new URL(`${scheme}://${host}`).origin : null;
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request must be refused as cross-site, or null when it may proceed.
 * A browser sends Origin with every POST and Sec-Fetch-Site with every request. A request with
 * neither is not a browser being tricked: an API route lets it go on to its own checks (curl, an
 * integration), but a page takes writes only as server actions from its own forms, so there
 * `originRequired` refuses it. Origin must equal the app's origin in scheme, host and port.
 */
export function crossSiteReason(
  method: string,
  headers: Headers,
  { originRequired = false, appUrl }: { originRequired?: boolean; appUrl?: string } = {},
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (headers.get("sec-fetch-site") === "cross-site")
    return "Cross-site requests are refused (Sec-Fetch-Site: cross-site).";
  const origin = headers.get("origin");
  if (origin === null)
    return originRequired
      ? "Posts to a page must come from the app's own pages (no Origin header was sent)."
      : null;
  let sent: string | null = null;
  try {
    sent = new URL(origin).origin;
  } catch {}
  // "null" is the opaque origin of sandboxed frames, data: URLs and file: pages.
  if (!sent || sent === "null" || sent !== appOrigin(headers, appUrl))
    return `Requests from another origin are refused (Origin: ${origin === "null" ? "null" : "foreign"}).`;
  return null;
}

/**
 * Why a request for an export, a file or a request's JSON must be refused: another site (or a
 * sibling subdomain) linked to it or loaded it, so it is not the user asking.
 */
export function crossSiteExportReason(pathname: string, headers: Headers): string | null {
  if (!PHI_EXPORTS.some((route) => route.test(pathname))) return null;
  return sentByAnotherSite(headers)
    ? `Exports open only from the app's own pages (Sec-Fetch-Site: ${headers.get("sec-fetch-site")}). Open the request and download it there.`
    : null;
}
