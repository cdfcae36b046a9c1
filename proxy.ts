import { NextResponse, type NextRequest } from "next/server";
import { errorOutcome } from "@/lib/fhir/outcomes";
import { malformedPathReason, serverActionRefusal } from "@/lib/http/malformed-request";
import { isApiPath } from "@/lib/http/api-path";
import { isPublicCorsPath } from "@/lib/http/cors";
import { LAUNCH_PATH, launchPreviewReason } from "@/lib/cds-hooks/launch-preview";
import { crossSiteExportReason, crossSiteReason } from "@/lib/http/cross-site";
import { newNonce, securityHeaders, serverEnv } from "@/lib/http/security-headers";

const ENV = serverEnv();

/**
 * Every path but the three that take uploads (a submission, a step of the review loop, CDex
 * $submit-attachment). Next.js copies a request's body for the proxy and waits for all of it
 * before the route runs, so through here a refused 50 MB upload would cost 100 MB before anyone
 * could refuse it; and it copies at most 10 MB (proxyClientMaxBodySize, "Request body exceeded
 * 10MB"), less than a 10 MB file in base64. Those routes make the proxy's checks themselves
 * (lib/http/unproxied.ts); lib/http/unproxied.test.ts holds the pattern to them.
 */
export const config = {
  matcher: ["/((?!api/requests(?:/[^/]+/(?!fhir$)[^/]+)?/?$|api/fhir/\\$submit-attachment$).*)"],
};

/**
 * Every response gets the security headers. A cross-site write or a cross-site request for a PDF
 * or FHIR export (403), or a server action React could not decode (400, 413), is refused before
 * anything runs: before any audit row is written.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, ENV);
  const { pathname } = request.nextUrl;
  const api = isApiPath(pathname);
  // The public, cookie-free endpoints answer any origin (CORS); a cross-site request to them
  // carries no session, so there is nothing to forge.
  const crossSite = isPublicCorsPath(pathname)
    ? null
    : (crossSiteReason(request.method, request.headers, {
        originRequired: !api,
        appUrl: process.env.APP_URL,
      }) ?? crossSiteExportReason(pathname, request.headers));
  const badPath = malformedPathReason(pathname);
  const refusal = crossSite
    ? { status: 403, reason: crossSite }
    : badPath
      ? { status: 400, reason: badPath }
      : await serverActionRefusal(request);
  if (refusal) {
    const refused = pathname.startsWith("/api/fhir/")
      ? NextResponse.json(errorOutcome(refusal.status, refusal.reason), {
          status: refusal.status,
          headers: { "Content-Type": "application/fhir+json" },
        })
      : api
        ? NextResponse.json({ error: refusal.reason, issues: [] }, { status: refusal.status })
        : new NextResponse(refusal.reason, {
            status: refusal.status,
            headers: { "Content-Type": "text/plain; charset=utf-8" },
          });
    refused.headers.set("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  // A link scanner, an unfurler or a prefetch gets an empty page and leaves the launch unspent.
  if (pathname === LAUNCH_PATH && launchPreviewReason(request.method, request.headers)) {
    const preview = new NextResponse(null, {
      status: 204,
      headers: { "Cache-Control": "no-store" },
    });
    for (const [name, value] of Object.entries(headers)) preview.headers.set(name, value);
    return preview;
  }
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
