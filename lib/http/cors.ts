// Pure: used by proxy.ts (before anything runs) and by the public route handlers.

/**
 * The cookie-free endpoints a page on another origin may call: the evaluation, the policy as
 * data, the FHIR conformance resources (a form filler) and the CDS Hooks services (an EHR's CDS
 * client, with its signed JWT). They read no cookie, so `*` without credentials exposes nothing a
 * signed-in user has. Every other route keeps refusing foreign origins (lib/http/cross-site.ts).
 */
const PUBLIC_CORS = [
  /^\/api\/evaluate$/,
  /^\/api\/policy$/,
  /^\/api\/policies(\/[^/]+(\/evaluate)?)?$/,
  /^\/api\/fhir\/metadata$/,
  /^\/api\/fhir\/(Questionnaire|CodeSystem|ValueSet)(\/[^/]+(\/_history\/[^/]+)?)?$/,
  // CDS Hooks 2.0 §CORS: an EHR's browser-based CDS client calls the services itself. A hook is
  // authenticated by the JWT in Authorization, never by a cookie.
  /^\/cds-services(\/[^/]+)?$/,
];

export function isPublicCorsPath(pathname: string): boolean {
  return PUBLIC_CORS.some((pattern) => pattern.test(pathname));
}

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "Content-Type, Content-Location, X-Request-Id",
};

/** The answer to a CORS preflight: the methods and headers the route takes, never credentials. */
export function corsPreflight(
  methods: readonly string[],
  headers: readonly string[] = ["Content-Type", "Accept"],
): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Methods": [...methods, "OPTIONS"].join(", "),
      "Access-Control-Allow-Headers": headers.join(", "),
      "Access-Control-Max-Age": "600",
      Allow: [...methods, "OPTIONS"].join(", "),
    },
  });
}

/** The response, readable by a page on any origin (no credentials are ever allowed). */
export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

/** A route's handlers, each answering with the CORS headers. */
export function corsHandlers<
  H extends Record<string, (...args: never[]) => Response | Promise<Response>>,
>(handlers: H): H {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      async (...args: never[]) => withCors(await handler(...args)),
    ]),
  ) as unknown as H;
}
