// Pure: used by proxy.ts, and by the tests.

/**
 * Paths that take writes from other systems, not from the app's own pages: the API, and the CDS
 * Hooks services an EHR's server calls (CDS Hooks 2.0 puts them at {baseUrl}/cds-services). A
 * write there without Origin (a server) goes on to the route's own authentication; a browser's
 * write from another origin is still refused (lib/http/cross-site.ts).
 */
export function isApiPath(pathname: string): boolean {
  return (
    pathname.startsWith("/api/") ||
    pathname === "/cds-services" ||
    pathname.startsWith("/cds-services/")
  );
}
