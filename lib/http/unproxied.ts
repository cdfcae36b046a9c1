// For the route handlers proxy.ts does not run on (see its matcher): what it does for every other
// route, refuse a cross-site write before anything runs and send the security headers; and a body
// a refusal left unread is read on and thrown away.
import { crossSiteReason } from "./cross-site";
import { fhirError } from "./fhir-response";
import { discardUnread } from "./read-body";
import { MAX_MESSAGE_BYTES } from "./read-message-body";
import { newNonce, securityHeaders, serverEnv } from "./security-headers";

type Handler<C> = (request: Request, context: C) => Response | Promise<Response>;

/** The handler behind the proxy's own checks: a cross-site write is a 403, every answer has the headers. */
export function unproxied<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const refused = crossSiteReason(request.method, request.headers, {
      appUrl: process.env.APP_URL,
    });
    const fhir = new URL(request.url).pathname.startsWith("/api/fhir/");
    const response = refused
      ? fhir
        ? fhirError(403, "forbidden", refused)
        : Response.json(
            { error: refused, issues: [] },
            { status: 403, headers: { "Cache-Control": "no-store" } },
          )
      : await handler(request, context);
    // A refusal answered before the body was read (a wrong role, a closed step, a declared size
    // over the limit): the body is read on and thrown away, never kept, up to the largest message
    // these routes take.
    discardUnread(request, MAX_MESSAGE_BYTES);
    for (const [name, value] of Object.entries(securityHeaders(newNonce(), serverEnv())))
      response.headers.set(name, value);
    return response;
  };
}

/** Each of a route's handlers behind the proxy's checks. */
export function unproxiedHandlers<H extends Record<string, Handler<never>>>(handlers: H): H {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [method, unproxied(handler)]),
  ) as H;
}
