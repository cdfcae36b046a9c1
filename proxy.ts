import { NextResponse, type NextRequest } from "next/server";
import { crossSiteReason } from "@/lib/http/cross-site";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

const ENV = {
  production: process.env.NODE_ENV === "production",
  development: process.env.NODE_ENV === "development",
};

/** Every response gets the security headers; a cross-site write is refused before it runs. */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, ENV);
  const refused = crossSiteReason(request.method, request.headers);
  if (refused) {
    const forbidden = request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ error: refused, issues: [] }, { status: 403 })
      : new NextResponse(refused, { status: 403, headers: { "Content-Type": "text/plain" } });
    forbidden.headers.set("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(headers)) forbidden.headers.set(name, value);
    return forbidden;
  }
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
